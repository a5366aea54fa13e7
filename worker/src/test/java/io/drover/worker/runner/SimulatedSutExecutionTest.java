package io.drover.worker.runner;

import static io.drover.worker.runner.RunnerFixture.file;
import static io.drover.worker.runner.RunnerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sut.SshTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SUTs do to running tests, on simulated SUTs over SSH: reboots, network cuts, death. */
class SimulatedSutExecutionTest {
    private static final String TESTS = """
            /atex-reboot:
                test: |
                    echo "boot $TMT_REBOOT_COUNT"
                    if [ "$TMT_REBOOT_COUNT" = 0 ]; then
                        echo disconnect >&$ATEX_TEST_CONTROL
                        trap '' PIPE
                        while echo noop >&$ATEX_TEST_CONTROL; do sleep 0.1; done 2>/dev/null
                        reboot
                        sleep infinity
                    fi
                    echo done
            /tmt-reboot:
                test: |
                    echo "boot $TMT_REBOOT_COUNT $RSTRNT_REBOOTCOUNT"
                    tmt-report-result "boot-$TMT_REBOOT_COUNT" PASS
                    if [ "$TMT_REBOOT_COUNT" -lt 2 ]; then tmt-reboot; fi
                    echo done
            /unannounced-reboot:
                test: |
                    echo rebooting without a word
                    reboot
                    sleep infinity
            /counting:
                test: |
                    for i in $(seq 1 40); do echo "line $i"; sleep 0.1; done
                    json='{"name": "sub", "status": "pass"}'
                    printf 'result %d\\n%s' "${#json}" "$json" >&$ATEX_TEST_CONTROL
            /long:
                test: echo started; sleep 120
            """;

    @TempDir
    Path dir;
    private SimulatedSut sim;
    private SshTransport transport;
    private RunnerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        sim = SimulatedSut.start(Files.createDirectories(dir.resolve("sut")));
        transport = SshTransport.start();
        fixture = new RunnerFixture(dir, transport.connect(sim.address(), sim.sshOptions()), TESTS, "");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        transport.close();
        sim.close();
    }

    @Test
    void rebootAnnouncedWithDisconnectRunsTheTestAgain() throws Exception {
        String bootBefore = sim.bootId();
        TestOutcome outcome = fixture.run("/atex-reboot");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(outcome.reboots()).isEqualTo(1);
        assertThat(sim.reboots()).isEqualTo(1);
        assertThat(sim.bootId()).isNotEqualTo(bootBefore);
        assertThat(file(outcome, "output.txt")).isEqualTo("boot 0\nboot 1\ndone\n");
    }

    @Test
    void tmtRebootTwice() throws Exception {
        TestOutcome outcome = fixture.run("/tmt-reboot");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(outcome.reboots()).isEqualTo(2);
        assertThat(sim.reboots()).isEqualTo(2);
        assertThat(file(outcome, "output.txt")).isEqualTo("boot 0 0\nboot 1 1\nboot 2 2\ndone\n");
        assertThat(results(outcome)).isEqualTo("""
                {"name": "boot-0", "status": "pass"}
                {"name": "boot-1", "status": "pass"}
                {"name": "boot-2", "status": "pass"}
                {"status": "pass", "files": ["output.txt"]}
                """);
    }

    @Test
    void unannouncedRebootLosesTheSut() throws Exception {
        TestOutcome outcome = fixture.run("/unannounced-reboot");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.SUT_LOST);
        assertThat(outcome.reason()).contains("did not announce");
        assertThat(results(outcome)).startsWith("{\"status\": \"infra\", \"note\": \"sut-lost: ");
        assertThat(file(outcome, "output.txt")).isEqualTo("rebooting without a word\n");
    }

    @Test
    void connectionCutAndRestoredLosesAndDuplicatesNothing() throws Exception {
        var running = fixture.execution("/counting", 1, ExecutionSettings.defaults()).start();
        Thread.sleep(1000);
        sim.cutNetwork(Duration.ofSeconds(2));
        TestOutcome outcome = running.get(60, TimeUnit.SECONDS);
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo("pass");
        assertThat(file(outcome, "output.txt")).isEqualTo(
                IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
        assertThat(results(outcome)).isEqualTo("""
                {"name": "sub", "status": "pass"}
                {"status": "pass", "files": ["output.txt"]}
                """);
    }

    @Test
    void sutKilledMidTestEndsAsSutLostWithin30Seconds() throws Exception {
        var running = fixture.execution("/long", 1, ExecutionSettings.defaults()).start();
        Thread.sleep(1000);
        long killed = System.nanoTime();
        sim.kill();
        TestOutcome outcome = running.get(60, TimeUnit.SECONDS);
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.SUT_LOST);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(30));
        assertThat(file(outcome, "output.txt")).isEqualTo("started\n");
    }
}
