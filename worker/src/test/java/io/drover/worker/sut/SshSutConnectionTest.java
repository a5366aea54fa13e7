package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshSutConnection against Apache SSHD's server in this JVM, on a loopback port. */
class SshSutConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static SshTransport transport;

    @TempDir
    Path dir;
    private TestKeys keys;
    private InJvmSshServer server;
    private Path knownHosts;
    private SutAddress.Ssh address;

    @BeforeAll
    static void startTransport() {
        transport = SshTransport.start();
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @BeforeEach
    void startServer() throws Exception {
        keys = TestKeys.ed25519(dir, "id_ed25519");
        server = InJvmSshServer.start(dir.resolve("host.key"), keys.pair().getPublic(), 0);
        knownHosts = dir.resolve("known_hosts");
        address = new SutAddress.Ssh(System.getProperty("user.name"), "127.0.0.1", server.port());
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private SshOptions options(HostKeyPolicy policy) {
        return SshOptions.defaults()
                .withAgentSocket(Optional.empty())
                .withIdentity(keys.privateKeyFile())
                .withKnownHosts(knownHosts, policy)
                .withConnectTimeout(Duration.ofSeconds(5));
    }

    private SutConnection connect() throws SutException {
        return transport.connect(address, options(HostKeyPolicy.ACCEPT_NEW));
    }

    private void restartServer(String hostKeyFile) throws IOException {
        int port = server.port();
        server.close();
        server = InJvmSshServer.start(dir.resolve(hostKeyFile), keys.pair().getPublic(), port);
    }

    @Test
    void runsACommandAndReturnsItsExitStatusAndBothStreams() throws Exception {
        try (SutConnection sut = connect()) {
            CommandResult result = sut.run("echo out; echo err >&2; exit 7", WAIT);

            assertThat(result).isEqualTo(new CommandResult(7, "out\n", "err\n", false));
            assertThat(sut.run("true", WAIT).exitStatus()).isZero();
            assertThat(sut.run("kill -TERM $$", WAIT).exitStatus()).isEqualTo(128 + 15);
        }
    }

    @Test
    void runsConcurrentCommandsOverOneSession() throws Exception {
        try (SutConnection sut = connect()) {
            List<RunningCommand> running = List.of(
                    sut.start("sleep 0.3; exit 1", OutputStream.nullOutputStream(), OutputStream.nullOutputStream()),
                    sut.start("sleep 0.3; exit 2", OutputStream.nullOutputStream(), OutputStream.nullOutputStream()),
                    sut.start("sleep 0.3; exit 3", OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));

            assertThat(server.activeSessions()).isEqualTo(1);
            for (int i = 0; i < running.size(); i++) {
                assertThat(running.get(i).exit().get(10, TimeUnit.SECONDS)).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void givesACommandItsInputAndClosesItAfter() throws Exception {
        try (SutConnection sut = connect()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RunningCommand command = sut.start("cat; echo end", "a script\n".getBytes(StandardCharsets.UTF_8), out,
                    OutputStream.nullOutputStream());

            assertThat(command.exit().get(10, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a script\nend\n");
            assertThat(sut.run("cat; echo closed", WAIT).stdout()).as("no input: closed at once").isEqualTo("closed\n");
        }
    }

    @Test
    void streamsOutputWhileTheCommandRuns() throws Exception {
        CountDownLatch firstLine = new CountDownLatch(1);
        ByteArrayOutputStream seen = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.UTF_8).contains("first\n")) {
                    firstLine.countDown();
                }
            }
        };
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try (SutConnection sut = connect()) {
            RunningCommand command = sut.start("echo first; sleep 1; echo second; echo oops >&2", seen, errors);

            assertThat(firstLine.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(command.exit()).isNotDone();
            assertThat(command.exit().get(10, TimeUnit.SECONDS)).isZero();
            assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
            assertThat(errors.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        }
    }

    @Test
    void abortingACommandStopsWaitingForIt() throws Exception {
        try (SutConnection sut = connect()) {
            RunningCommand command = sut.start("sleep 30", OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            command.abort();

            assertThatThrownBy(() -> command.exit().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SutException.class);
            assertThat(sut.run("echo still here", WAIT).stdout()).isEqualTo("still here\n");
        }
    }

    @Test
    void sendsAFileByteForByte() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path local = dir.resolve("local.bin");
        Files.write(local, content);
        Path remote = dir.resolve("remote dir/it's.bin");
        Files.createDirectories(remote.getParent());
        try (SutConnection sut = connect()) {
            sut.send(local, remote.toString());

            assertThat(Files.readAllBytes(remote)).isEqualTo(content);
            assertThat(remote.resolveSibling("it's.bin.drover-part")).doesNotExist();
        }
    }

    @Test
    void sendingIntoAMissingDirectoryIsASetupError() throws Exception {
        Path remote = dir.resolve("no-such-dir/file");
        try (SutConnection sut = connect()) {
            SutException e = catchThrowableOfType(SutException.class,
                    () -> sut.send(new java.io.ByteArrayInputStream(new byte[10]), remote.toString()));

            assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
            assertThat(e.getMessage()).startsWith(address.display() + ": cannot write " + remote).doesNotContain("\n");
        }
    }

    @Test
    void readsTheBootId() throws Exception {
        try (SutConnection sut = connect()) {
            assertThat(sut.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
        }
    }

    @Test
    void checksRequirementsAndNamesExactlyWhatIsMissing() throws Exception {
        try (SutConnection sut = connect()) {
            SutRequirements.standard().check(sut);

            SutException e = catchThrowableOfType(SutException.class, () -> SutRequirements
                    .of(List.of("bash", "drover-no-such-tool", "cat", "drover-nor-this")).check(sut));
            assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
            assertThat(e.getMessage()).startsWith(address.display() + ": the SUT lacks drover-no-such-tool, drover-nor-this (");
        }
    }

    @Test
    void strictPolicyRefusesAnUnknownHost() {
        SutException e = catchThrowableOfType(SutException.class,
                () -> transport.connect(address, options(HostKeyPolicy.STRICT)));

        assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(e.getMessage())
                .startsWith(address.display() + ": unknown host key (ecdsa-sha2-nistp256 SHA256:")
                .contains("it is not in " + knownHosts, "strict")
                .doesNotContain("\n");
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNewAddsAnUnknownHostThenAcceptsItUnderStrict() throws Exception {
        try (SutConnection sut = transport.connect(address, options(HostKeyPolicy.ACCEPT_NEW))) {
            assertThat(sut.run("true", WAIT).exitStatus()).isZero();
        }
        assertThat(Files.readAllLines(knownHosts)).singleElement().asString()
                .startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 ");

        try (SutConnection sut = transport.connect(address, options(HostKeyPolicy.STRICT))) {
            assertThat(sut.run("true", WAIT).exitStatus()).isZero();
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void refusesAChangedHostKeyUnderEveryPolicy() throws Exception {
        connect().close();
        String onFile = Files.readString(knownHosts);
        restartServer("another-host.key");

        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            SutException e = catchThrowableOfType(SutException.class, () -> transport.connect(address, options(policy)));

            assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
            assertThat(e.getMessage())
                    .startsWith(address.display() + ": host key has CHANGED: " + knownHosts)
                    .doesNotContain("\n");
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(onFile);
    }

    @Test
    void asksForTheKeyTypeOnFileWhenTheHostHasSeveral() throws Exception {
        KeyPair ecdsa = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair ed25519 = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        int port = server.port();
        server.close();
        server = InJvmSshServer.start(KeyPairProvider.wrap(ecdsa, ed25519), keys.pair().getPublic(), port);
        Files.writeString(knownHosts, "# only the ed25519 key is on file\n[127.0.0.1]:" + port + " "
                + PublicKeyEntry.toString(ed25519.getPublic()) + "\n");

        try (SutConnection sut = transport.connect(address, options(HostKeyPolicy.STRICT))) {
            assertThat(sut.run("true", WAIT).exitStatus()).isZero();
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsASetupError() throws Exception {
        TestKeys stranger = TestKeys.ed25519(dir, "id_stranger");
        SshOptions options = options(HostKeyPolicy.ACCEPT_NEW).withIdentity(stranger.privateKeyFile());

        SutException e = catchThrowableOfType(SutException.class, () -> transport.connect(address, options));

        assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(e.getMessage()).startsWith(address.display() + ": authentication as '" + address.user() + "' failed")
                .contains(stranger.privateKeyFile().toString());
    }

    @Test
    void anUnreadableIdentityFileIsASetupError() throws Exception {
        Path garbage = Files.writeString(dir.resolve("not-a-key"), "hello\n");
        SshOptions options = options(HostKeyPolicy.ACCEPT_NEW).withIdentity(garbage);

        SutException e = catchThrowableOfType(SutException.class, () -> transport.connect(address, options));

        assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(e.getMessage()).contains(garbage.toString()).doesNotContain("\n");
    }

    @Test
    void aPortNobodyListensOnIsSutLost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SutAddress.Ssh nobody = new SutAddress.Ssh("root", "127.0.0.1", closedPort);

        SutException e = catchThrowableOfType(SutException.class,
                () -> transport.connect(nobody, options(HostKeyPolicy.ACCEPT_NEW)));

        assertThat(e.failureClass()).isEqualTo(SutFailureClass.LOST);
        assertThat(e.getMessage()).startsWith("root@127.0.0.1:" + closedPort + ": cannot connect");
    }

    @Test
    void aDroppedSessionFailsRunningCommandsAsSutLost() throws Exception {
        try (SutConnection sut = connect()) {
            RunningCommand command = sut.start("sleep 5", OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

            server.close();

            ExecutionException e = catchThrowableOfType(ExecutionException.class,
                    () -> command.exit().get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOfSatisfying(SutException.class, sut1 -> {
                assertThat(sut1.failureClass()).isEqualTo(SutFailureClass.LOST);
                assertThat(sut1.getMessage()).startsWith(address.display() + ": connection lost");
            });
            assertThat(sut.isConnected()).isFalse();
            SutException next = catchThrowableOfType(SutException.class, () -> sut.run("true", WAIT));
            assertThat(next.failureClass()).isEqualTo(SutFailureClass.LOST);
        }
    }

    @Test
    void reconnectsWhenTheServerComesBackOnTheSamePort() throws Exception {
        try (SutConnection sut = connect()) {
            String bootId = sut.bootId();
            int port = server.port();
            server.close();
            CompletableFuture<InJvmSshServer> back = CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(700);
                    return InJvmSshServer.start(dir.resolve("host.key"), keys.pair().getPublic(), port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                sut.reconnect(WAIT);

                assertThat(sut.isConnected()).isTrue();
                assertThat(sut.bootId()).isEqualTo(bootId);
                assertThat(sut.run("echo back", WAIT).stdout()).isEqualTo("back\n");
            } finally {
                server = back.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void reconnectGivesUpAtTheDeadline() throws Exception {
        try (SutConnection sut = connect()) {
            server.close();
            long started = System.nanoTime();

            SutException e = catchThrowableOfType(SutException.class, () -> sut.reconnect(Duration.ofSeconds(1)));

            assertThat(e.failureClass()).isEqualTo(SutFailureClass.LOST);
            assertThat(e.getMessage()).startsWith(address.display() + ": not reachable again within 1000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void logsInWithAKeyFromTheSshAgent() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")) && Files.isExecutable(Path.of("/usr/bin/ssh-add")),
                "ssh-agent is not installed (apt-get install openssh-client)");
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(20);
            }
            ProcessBuilder add = new ProcessBuilder("/usr/bin/ssh-add", keys.privateKeyFile().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            assertThat(add.start().waitFor()).isZero();
            SshOptions agentOnly = new SshOptions(Optional.empty(), Optional.of(socket), knownHosts,
                    HostKeyPolicy.ACCEPT_NEW, Duration.ofSeconds(5));

            try (SutConnection sut = transport.connect(address, agentOnly)) {
                assertThat(sut.run("echo via agent", WAIT).stdout()).isEqualTo("via agent\n");
            }
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
