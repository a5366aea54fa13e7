package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's sshd on a loopback port, accepting a key of its own for the user running the tests.
 * Tests that need it are skipped (saying why) where /usr/sbin/sshd is not installed.
 */
public final class OpenSshServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final Process sshd;
    private final TestKeys keys;
    private final SutAddress.Ssh address;

    private OpenSshServer(Path dir, Process sshd, TestKeys keys, SutAddress.Ssh address) {
        this.dir = dir;
        this.sshd = sshd;
        this.keys = keys;
        this.address = address;
    }

    /** Starts sshd with its files in {@code dir}, or skips the calling test class. */
    public static OpenSshServer startOrSkip(Path dir) throws Exception {
        assumeTrue(Files.isExecutable(SSHD),
                "OpenSSH's sshd is not installed at " + SSHD + " (apt-get install -y openssh-server); skipping");
        Path privsep = Path.of("/run/sshd");
        try {
            Files.createDirectories(privsep);
        } catch (IOException e) {
            // checked just below
        }
        assumeTrue(Files.isDirectory(privsep), "sshd needs " + privsep + " and it cannot be created here; skipping");
        TestKeys keys = TestKeys.ed25519(dir, "id_ed25519");
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
                "MaxSessions 1000",
                "MaxStartups 1000",
                ""));
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-f", config.toString(), "-E",
                dir.resolve("sshd.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
        OpenSshServer server = new OpenSshServer(dir, sshd, keys,
                new SutAddress.Ssh(System.getProperty("user.name"), "127.0.0.1", port));
        server.waitForPort(port);
        return server;
    }

    public SutAddress.Ssh address() {
        return address;
    }

    /** The listening sshd; the sessions it serves are its child processes. */
    public ProcessHandle process() {
        return sshd.toHandle();
    }

    /** Client options: this server's key, host keys learned into {@code knownHosts}, no agent. */
    public SshOptions options(Path knownHosts) {
        return SshOptions.defaults()
                .withAgentSocket(Optional.empty())
                .withIdentity(keys.privateKeyFile())
                .withKnownHosts(knownHosts, HostKeyPolicy.ACCEPT_NEW);
    }

    @Override
    public void close() throws Exception {
        ProcessHandle.of(sshd.pid()).ifPresent(ProcessHandle::destroy);
        sshd.onExit().get(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void waitForPort(int port) throws Exception {
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

    private String readLog() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
