package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.List;
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
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static OpenSshServer server;
    private static SshTransport transport;
    private static SutAddress.Ssh address;

    @BeforeAll
    static void startSshd() throws Exception {
        server = OpenSshServer.startOrSkip(dir);
        transport = SshTransport.start();
        address = server.address();
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SshOptions options(Path knownHosts) {
        return server.options(knownHosts);
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

    @Test
    void aSutThatStopsAnsweringIsDroppedAfterThreeMissedHeartbeats() throws Exception {
        try (SshTransport quick = SshTransport.start(Duration.ofMillis(500));
             SutConnection sut = quick.connect(address, options(dir.resolve("known_hosts-silent")))) {
            var running = sut.start("sleep 60", new ByteArrayOutputStream(), new ByteArrayOutputStream());
            Thread.sleep(300);
            // freeze the session's sshd processes: the TCP connection stays open, nothing answers
            List<ProcessHandle> sessions = server.process().descendants().toList();
            assertThat(sessions).isNotEmpty();
            sessions.forEach(p -> signal(p, "STOP"));
            long frozen = System.nanoTime();
            try {
                assertThatThrownBy(() -> running.exit().get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - frozen)).isLessThan(Duration.ofSeconds(10));
                assertThat(sut.isConnected()).isFalse();
            } finally {
                sessions.forEach(p -> signal(p, "CONT"));
            }
        }
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
