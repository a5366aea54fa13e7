package io.drover.worker.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SshSutConnection against OpenSSH's sshd on a loopback port, logging in with a key as the
 * user running the tests. Skipped when /usr/sbin/sshd is not installed.
 */
class OpenSshSutConnectionTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static Process sshd;
    private static SshTransport transport;
    private static TestKeys keys;
    private static SutAddress.Ssh address;

    @BeforeAll
    static void startSshd() throws Exception {
        assumeTrue(Files.isExecutable(SSHD),
                "OpenSSH's sshd is not installed at " + SSHD + " (apt-get install -y openssh-server); skipping");
        Path privsep = Path.of("/run/sshd");
        try {
            Files.createDirectories(privsep);
        } catch (IOException e) {
            // checked just below
        }
        assumeTrue(Files.isDirectory(privsep), "sshd needs " + privsep + " and it cannot be created here; skipping");
        keys = TestKeys.ed25519(dir, "id_ed25519");
        TestKeys hostKey = TestKeys.ed25519(dir, "host_ed25519");
        Files.writeString(dir.resolve("authorized_keys"), keys.publicLine() + "\n");
        int port = freePort();
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey.privateKeyFile(),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "") );
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-f", config.toString(), "-E", dir.resolve("sshd.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
        waitForPort(port);
        transport = SshTransport.start();
        address = new SutAddress.Ssh(System.getProperty("user.name"), "127.0.0.1", port);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (sshd != null) {
            ProcessHandle.of(sshd.pid()).ifPresent(ProcessHandle::destroy);
            sshd.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 250; i++) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited with " + sshd.exitValue() + ": "
                        + Files.readString(dir.resolve("sshd.out")) + readLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("sshd does not listen on 127.0.0.1:" + port + ": " + readLog());
    }

    private static String readLog() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private SshOptions options(Path knownHosts) {
        return SshOptions.defaults()
                .withAgentSocket(Optional.empty())
                .withIdentity(keys.privateKeyFile())
                .withKnownHosts(knownHosts, HostKeyPolicy.ACCEPT_NEW);
    }

    @Test
    void runsCommandsAsTheLoginUserAndLearnsTheEd25519HostKey() throws Exception {
        Path knownHosts = dir.resolve("known_hosts-run");
        try (SutConnection sut = transport.connect(address, options(knownHosts))) {
            assertThat(sut.run("id -un; exit 3", WAIT)).isEqualTo(new CommandResult(3, address.user() + "\n", "", false));
            assertThat(sut.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
        }
        assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:" + address.port() + " ssh-ed25519 ");
    }

    @Test
    void meetsTheRequirementsStreamsOutputAndReceivesFiles() throws Exception {
        byte[] content = new byte[200_000];
        new Random(11).nextBytes(content);
        Path remote = dir.resolve("received.bin");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SutConnection sut = transport.connect(address, options(dir.resolve("known_hosts-files")))) {
            SutRequirements.standard().check(sut);
            sut.send(new java.io.ByteArrayInputStream(content), remote.toString());
            RunningCommand command = sut.start("for i in 1 2 3; do echo line $i; sleep 0.1; done", out,
                    java.io.OutputStream.nullOutputStream());

            assertThat(command.exit().get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(Files.readAllBytes(remote)).isEqualTo(content);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\nline 3\n");
    }
}
