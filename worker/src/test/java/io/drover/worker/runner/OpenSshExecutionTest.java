package io.drover.worker.runner;

import static io.drover.worker.runner.RunnerFixture.file;
import static io.drover.worker.runner.RunnerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import io.drover.worker.sut.OpenSshServer;
import io.drover.worker.sut.SshTransport;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests run through the runner on OpenSSH's sshd (skipped where it is not installed). */
class OpenSshExecutionTest {
    private static final String TESTS = """
            /pass:
                test: echo "over OpenSSH as $(id -un) in $PWD"
            /report:
                test: |
                    head -c 1000 /dev/urandom > blob.bin
                    cp blob.bin "$TMT_TEST_DATA/blob.bin"
                    tmt-report-result -o blob.bin check PASS
                    echo "duration +1m" >&$ATEX_TEST_CONTROL
            /timeout:
                duration: 1s
                test: sleep 60
            """;

    @TempDir
    static Path dir;
    private static OpenSshServer server;
    private static SshTransport transport;
    private static RunnerFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        server = OpenSshServer.startOrSkip(java.nio.file.Files.createDirectories(dir.resolve("sshd-files")));
        transport = SshTransport.start();
        var sut = transport.connect(server.address(), server.options(dir.resolve("known_hosts")));
        fixture = new RunnerFixture(dir, sut, TESTS, "", dir.resolve("work").toString());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void passingTest() throws Exception {
        TestOutcome outcome = fixture.run("/pass");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(file(outcome, "output.txt")).isEqualTo("over OpenSSH as " + System.getProperty("user.name") + " in "
                + fixture.workspace.treeDir() + "\n");
    }

    @Test
    void uploadsArriveByteForByte() throws Exception {
        TestOutcome outcome = fixture.run("/report");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(results(outcome)).isEqualTo("""
                {"name": "check", "status": "pass", "files": ["blob.bin"]}
                {"status": "pass", "files": ["output.txt"]}
                """);
        Path sent;
        try (var files = java.nio.file.Files.walk(dir.resolve("work/runs"))) {
            sent = files.filter(f -> f.endsWith("data/blob.bin")).findFirst().orElseThrow();
        }
        assertThat(outcome.artifacts().resolve("files/check/blob.bin")).hasSameBinaryContentAs(sent);
    }

    @Test
    void deadlineIsEnforced() throws Exception {
        TestOutcome outcome = fixture.run("/timeout");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(outcome.exitCode()).isEqualTo(130);
    }
}
