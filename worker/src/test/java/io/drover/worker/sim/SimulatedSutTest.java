package io.drover.worker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.drover.worker.sut.CommandResult;
import io.drover.worker.sut.RunningCommand;
import io.drover.worker.sut.SshTransport;
import io.drover.sut.SutAddress;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import io.drover.worker.sut.SutRequirements;

/** Simulated SUTs driven through the real SSH client, as the worker drives them. */
class SimulatedSutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static SshTransport transport;

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startTransport() {
        transport = SshTransport.start();
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private SimulatedSut sim() throws IOException {
        return open(SimulatedSut.start(dir.resolve("sut")));
    }

    private SutConnection connect(SimulatedSut sim) throws SutException {
        return open(transport.connect(sim.address(), sim.sshOptions()));
    }

    private static String run(SutConnection sut, String command) throws SutException {
        CommandResult result = sut.run(command, WAIT);
        assertThat(result.exitStatus()).as("exit status of %s (stderr: %s)", command, result.stderr()).isZero();
        return result.stdout();
    }

    /** Whether the process exists and is not a zombie (an orphan killed in a container may stay one). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static long readPid(Path file) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) || Files.readString(file).isBlank()) {
            assertThat(System.nanoTime()).as("%s is written", file).isLessThan(deadline);
            Thread.sleep(10);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void runsCommandsWithBashInTheSutDirectoryWithItsVariables() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);

        String out = run(sut, "printf '%s\\n' \"$DROVER_WORK_ROOT\" \"$DROVER_BOOT_ID_FILE\" \"$DROVER_SIM_SUT\" "
                + "\"$PWD\" \"$(command -v reboot)\" \"$HOME\" \"$BASH_VERSION\"; cat \"$DROVER_BOOT_ID_FILE\"");

        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(0, 6)).containsExactly(
                sim.workRoot().toString(), sim.bootIdFile().toString(), sim.id(), sim.dir().toString(),
                sim.dir().resolve("bin/reboot").toString(), System.getProperty("user.home"));
        assertThat(lines.get(6)).as("bash runs the command").isNotEmpty();
        assertThat(lines.get(7)).isEqualTo(sim.bootId()).matches("[0-9a-f-]{36}");
        assertThat(sim.address().toString()).isEqualTo("ssh://" + System.getProperty("user.name") + "@127.0.0.1:"
                + sim.address().port());
        assertThat(Files.readString(sim.knownHostsFile())).isEqualTo(sim.knownHostsLine() + "\n");
        assertThat(sut.run("echo out; echo err >&2; exit 7", WAIT))
                .isEqualTo(new CommandResult(7, "out\n", "err\n", false));
        assertThat(sut.run("kill -TERM $$", WAIT).exitStatus()).isEqualTo(128 + 15);
        SutRequirements.standard().check(sut);
    }

    @Test
    void acceptsOnlyTheCurrentUserWithTheSimulationKey() throws Exception {
        SimulatedSut sim = sim();
        Path otherKey = dir.resolve("other_key");
        SimFiles.loadOrCreateKey(otherKey, "other");

        SutException wrongKey = catchThrowableOfType(SutException.class,
                () -> transport.connect(sim.address(), sim.sshOptions().withIdentity(otherKey)));
        SutAddress.Ssh otherUser = new SutAddress.Ssh("not-" + sim.address().user(), "127.0.0.1", sim.address().port());
        SutException wrongUser = catchThrowableOfType(SutException.class,
                () -> transport.connect(otherUser, sim.sshOptions()));

        assertThat(wrongKey.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(wrongUser.failureClass()).isEqualTo(SutFailureClass.SETUP);
    }

    @Test
    void behavesAsSshdWithBackgroundProcessesAndChannelLimits() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);

        long start = System.nanoTime();
        run(sut, "sleep 0.4 &");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("a background process holding stdout holds the channel")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
        List<RunningCommand> sleepers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sleepers.add(sut.start("echo $$ >> work/sleepers; exec sleep 1000",
                    OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        }
        SutException eleventh = catchThrowableOfType(SutException.class, () -> sut.run("true", WAIT));
        assertThat(eleventh.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(eleventh.getMessage()).contains("refused a channel");
        assertThat(sut.isConnected()).as("the connection stays up").isTrue();
        try (SutConnection other = transport.connect(sim.address(), sim.sshOptions())) {
            run(other, "while [ $(wc -l < work/sleepers) -lt 10 ]; do sleep 0.01; done; kill $(cat work/sleepers)");
        }
        for (RunningCommand sleeper : sleepers) {
            assertThat(sleeper.exit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 15);
        }
        assertThat(run(sut, "echo again")).as("ended commands free their channels").isEqualTo("again\n");
    }

    @Test
    void rebootKillsDetachedProcessesChangesTheBootIdAndKeepsFilesAndThePort() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);
        String bootBefore = sim.bootId();
        int port = sim.address().port();
        run(sut, "echo kept > work/file; "
                + "setsid nohup sleep 1000 >/dev/null 2>&1 < /dev/null & echo $! > work/sleep.pid");
        long sleeper = readPid(sim.workRoot().resolve("sleep.pid"));
        assertThat(running(sleeper)).isTrue();

        sim.reboot();

        assertThat(running(sleeper)).as("the detached sleep was killed").isFalse();
        assertThat(sim.processCount()).isZero();
        assertThat(sim.reboots()).isEqualTo(1);
        assertThat(sim.bootId()).isNotEqualTo(bootBefore);
        assertThat(sim.address().port()).isEqualTo(port);
        sut.reconnect(WAIT);
        assertThat(run(sut, "cat \"$DROVER_BOOT_ID_FILE\"; cat work/file").lines())
                .containsExactly(sim.bootId(), "kept");
    }

    @Test
    void theRebootCommandOnTheSutRebootsIt() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);
        String bootBefore = sim.bootId();

        RunningCommand reboot = sut.start("reboot & reboot",
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

        assertThat(sim.awaitReboots(1, WAIT)).isTrue();
        ExecutionException dropped = catchThrowableOfType(ExecutionException.class,
                () -> reboot.exit().get(10, TimeUnit.SECONDS));
        assertThat(((SutException) dropped.getCause()).failureClass()).isEqualTo(SutFailureClass.LOST);
        sut.reconnect(WAIT);
        assertThat(run(sut, "cat \"$DROVER_BOOT_ID_FILE\"").strip()).isEqualTo(sim.bootId()).isNotEqualTo(bootBefore);
        Thread.sleep(200);
        assertThat(sim.reboots()).as("two requests from one boot reboot it once").isEqualTo(1);
    }

    @Test
    void aKilledSutIsGoneForGood() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);
        run(sut, "setsid sleep 1000 >/dev/null 2>&1 < /dev/null & echo $! > work/sleep.pid");
        long sleeper = readPid(sim.workRoot().resolve("sleep.pid"));

        sim.kill();

        assertThat(sim.state()).isEqualTo(SimulatedSut.State.OFF);
        assertThat(running(sleeper)).isFalse();
        SutException lost = catchThrowableOfType(SutException.class, () -> sut.reconnect(Duration.ofMillis(500)));
        assertThat(lost.failureClass()).isEqualTo(SutFailureClass.LOST);
        assertThat(lost.getMessage()).startsWith(sim.address().display() + ": not reachable again within 500 ms");
        assertThatThrownBy(sim::reboot).isInstanceOf(IllegalStateException.class).hasMessageContaining("powered off");
    }

    @Test
    void aCutNetworkDropsSessionsWhileProcessesKeepRunning() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);
        String boot = sim.bootId();
        Path ticks = sim.workRoot().resolve("ticks");
        RunningCommand loop = sut.start(
                "echo $$ > work/loop.pid; while :; do echo tick >> work/ticks; sleep 0.02; done",
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        sut.start("echo $$ > work/chatty.pid; while echo tick; do sleep 0.02; done",
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        long pid = readPid(sim.workRoot().resolve("loop.pid"));
        long chatty = readPid(sim.workRoot().resolve("chatty.pid"));

        sim.cutNetwork();

        ExecutionException dropped = catchThrowableOfType(ExecutionException.class,
                () -> loop.exit().get(10, TimeUnit.SECONDS));
        assertThat(((SutException) dropped.getCause()).failureClass()).isEqualTo(SutFailureClass.LOST);
        SutException refused = catchThrowableOfType(SutException.class,
                () -> transport.connect(sim.address(), sim.sshOptions()));
        assertThat(refused.failureClass()).isEqualTo(SutFailureClass.LOST);
        int before = Files.readAllLines(ticks).size();
        Thread.sleep(200);
        assertThat(Files.readAllLines(ticks)).as("the loop keeps writing while the network is cut")
                .hasSizeGreaterThan(before);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (running(chatty) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(running(chatty)).as("as under sshd, its next write to the dropped channel ends it").isFalse();

        sim.restoreNetwork();

        sut.reconnect(WAIT);
        assertThat(run(sut, "kill -0 $(cat work/loop.pid) && echo alive")).isEqualTo("alive\n");
        assertThat(sim.bootId()).isEqualTo(boot);
        assertThat(running(pid)).isTrue();
        sim.close();
        assertThat(running(pid)).as("closing the SUT kills the loop").isFalse();
    }

    @Test
    void aNetworkOutageEndsByItself() throws Exception {
        SimulatedSut sim = sim();
        SutConnection sut = connect(sim);

        sim.cutNetwork(Duration.ofMillis(300));

        assertThat(sim.state()).isEqualTo(SimulatedSut.State.NETWORK_CUT);
        sut.reconnect(WAIT);
        assertThat(sim.state()).isEqualTo(SimulatedSut.State.RUNNING);
        assertThat(run(sut, "echo back")).isEqualTo("back\n");
    }

    @Test
    void aSutStartedAgainOnItsDirectoryKeepsItsIdentityAndDisk() throws Exception {
        Path sutDir = dir.resolve("again");
        String hostKey;
        String simId;
        String boot;
        try (SimulatedSut first = SimulatedSut.start(sutDir)) {
            hostKey = first.knownHostsLine().split(" ", 2)[1];
            simId = first.id();
            boot = first.bootId();
            Files.writeString(first.workRoot().resolve("file"), "kept");
        }

        SimulatedSut again = open(SimulatedSut.start(sutDir));

        assertThat(again.knownHostsLine().split(" ", 2)[1]).isEqualTo(hostKey);
        assertThat(again.id()).isEqualTo(simId);
        assertThat(again.bootId()).isNotEqualTo(boot);
        assertThat(run(connect(again), "cat work/file")).isEqualTo("kept");
    }

    @Test
    void twentySutsOfAFarmEachAnswer() throws Exception {
        SimulatedSutFarm farm = open(SimulatedSutFarm.start(dir.resolve("farm"), 20));
        Set<String> ids = new HashSet<>();
        Set<Integer> ports = new HashSet<>();

        for (SimulatedSut sim : farm.suts()) {
            try (SutConnection sut = transport.connect(sim.address(), farm.sshOptions())) {
                ids.add(run(sut, "echo \"$DROVER_SIM_SUT\"").strip());
                ports.add(sim.address().port());
            }
        }

        assertThat(ids).containsExactlyInAnyOrderElementsOf(farm.suts().stream().map(SimulatedSut::id).toList());
        assertThat(ports).hasSize(20);
        assertThat(Files.readAllLines(farm.knownHostsFile())).hasSize(20);
        assertThat(farm.get(0).dir()).isEqualTo(dir.resolve("farm/sut-001").toAbsolutePath());
        farm.close();
        SutException refused = catchThrowableOfType(SutException.class,
                () -> transport.connect(farm.get(7).address(), farm.sshOptions()));
        assertThat(refused.failureClass()).isEqualTo(SutFailureClass.LOST);
    }
}
