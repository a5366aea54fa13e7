package io.drover.worker.runner;

import static io.drover.worker.runner.RunnerFixture.file;
import static io.drover.worker.runner.RunnerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import io.drover.worker.sut.LocalSutConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests run through the runner on this machine ({@code local}), one fmf tree for all. */
class TestExecutionTest {
    private static final String TESTS = """
            /pass:
                test: echo hello; echo to stderr >&2
            /fail:
                test: echo failing; exit 1
            /error:
                test: exit 2
            /set-e:
                test: |
                    false | true
                    echo pipefail did not stop me
            /env:
                environment:
                    FROM_TEST: test-value
                    SHARED: from-test
                test: |
                    echo "cwd=$PWD"
                    for v in TMT_TREE TMT_PLAN_DATA TMT_PLAN_ENVIRONMENT_FILE TMT_TEST_NAME TMT_TEST_DATA \\
                        TMT_TEST_METADATA TMT_TEST_SERIAL_NUMBER TMT_REBOOT_COUNT TMT_TEST_RESTART_COUNT \\
                        ATEX_TEST_CONTROL FROM_TEST FROM_PLAN SHARED; do
                        echo "$v=${!v}"
                    done
                    grep -q '^test:' "$TMT_TEST_METADATA"
                    [ -d "$TMT_TEST_DATA" ] && [ -d "$TMT_PLAN_DATA" ]
            /writes-plan-env:
                test: |
                    echo "CARRIED=from an earlier test" >> "$TMT_PLAN_ENVIRONMENT_FILE"
                    echo 'QUOTED="in quotes"' >> "$TMT_PLAN_ENVIRONMENT_FILE"
            /reads-plan-env:
                test: echo "CARRIED=$CARRIED QUOTED=$QUOTED"
            /report:
                test: |
                    echo log of first > first.log
                    tmt-report-result -o first.log /first PASS
                    tmt-report-result second/one WARN
                    tmt-report-result /third FAIL
                    exit 0
            /report-pass:
                test: |
                    rstrnt-report-result good PASS
                    exit 1
            /submit:
                test: |
                    printf 'some data' > "$TMT_TEST_DATA/data.txt"
                    tmt-file-submit -l "$TMT_TEST_DATA/data.txt"
            /xfail:
                result: xfail
                test: exit 1
            /forced:
                result: info
                test: exit 1
            /background:
                test: |
                    sleep 1000 &
                    echo $! > "$TMT_TEST_DATA/bg.pid"
                    tmt-file-submit -l "$TMT_TEST_DATA/bg.pid"
            /timeout:
                duration: 2s
                test: echo started; sleep 100
            /ignores-sigint:
                duration: 1s
                test: |
                    trap '' INT
                    echo ignoring SIGINT
                    while :; do sleep 0.2; done
            /duration-extended:
                duration: 2s
                test: |
                    echo "duration +5s" >&$ATEX_TEST_CONTROL
                    sleep 4
                    echo survived
            /restart:
                restart-on-exit-code: [3]
                restart-max-count: 2
                test: |
                    echo "restart $TMT_TEST_RESTART_COUNT"
                    [ "$TMT_TEST_RESTART_COUNT" = 2 ] && exit 0
                    exit 3
            /bad-protocol:
                test: echo "bogus word" >&$ATEX_TEST_CONTROL; sleep 5
            /truncated-result:
                test: printf 'result 100\\n{"status"' >&$ATEX_TEST_CONTROL
            /missing-require:
                require: [drover-no-such-package-xyz]
                test: echo should not run
            /custom:
                result: custom
                test: |
                    echo detail > "$TMT_TEST_DATA/sub.log"
                    cat > "$TMT_TEST_DATA/results.yaml" <<'EOF'
                    - name: /sub/one
                      result: pass
                      log: [sub.log]
                    - name: /sub/two
                      result: fail
                      note: [first note, second note]
                    EOF
                    exit 0
            /custom-missing:
                result: custom
                test: "true"
            /abort:
                test: |
                    echo before abort
                    tmt-abort
                    echo after abort
            """;

    @TempDir
    static Path dir;
    private static RunnerFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        LocalSutConnection sut = new LocalSutConnection(Map.of("DROVER_WORK_ROOT", dir.resolve("work").toString()));
        fixture = new RunnerFixture(dir, sut, TESTS, "environment:\n  FROM_PLAN: plan-value\n  SHARED: from-plan\n");
    }

    @AfterAll
    static void tearDown() {
        fixture.close();
    }

    @Test
    void passingTestPassesWithItsOutput() throws Exception {
        TestOutcome outcome = fixture.run("/pass");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(outcome.failureClass()).isNull();
        assertThat(outcome.exitCode()).isZero();
        assertThat(results(outcome)).isEqualTo("{\"status\": \"pass\", \"files\": [\"output.txt\"]}\n");
        assertThat(file(outcome, "output.txt")).isEqualTo("hello\nto stderr\n");
        assertThat(outcome.artifacts().resolve("testout.temp")).doesNotExist();
    }

    @Test
    void exitCodesAsTmt() throws Exception {
        TestOutcome fail = fixture.run("/fail");
        assertThat(fail.status()).isEqualTo("fail");
        assertThat(fail.failureClass()).isEqualTo(FailureClass.TEST);
        assertThat(results(fail)).isEqualTo("{\"status\": \"fail\", \"files\": [\"output.txt\"]}\n");
        TestOutcome error = fixture.run("/error");
        assertThat(error.status()).isEqualTo("error");
        assertThat(error.exitCode()).isEqualTo(2);
    }

    @Test
    void testRunsUnderSetEPipefail() throws Exception {
        TestOutcome outcome = fixture.run("/set-e");
        assertThat(outcome.status()).isEqualTo("fail");
        assertThat(file(outcome, "output.txt")).doesNotContain("did not stop me");
    }

    @Test
    void environmentAndWorkingDirectoryAsTmt() throws Exception {
        TestOutcome outcome = fixture.run("/env");
        assertThat(outcome.status()).isEqualTo("pass");
        String output = file(outcome, "output.txt");
        String tree = fixture.workspace.treeDir();
        assertThat(output).contains("cwd=" + tree + "\n", "TMT_TREE=" + tree + "\n", "TMT_TEST_NAME=/env\n",
                "TMT_REBOOT_COUNT=0\n", "TMT_TEST_RESTART_COUNT=0\n",
                "FROM_TEST=test-value\n", "FROM_PLAN=plan-value\n", "SHARED=from-plan\n");
        assertThat(output).containsPattern("ATEX_TEST_CONTROL=[0-9]+\n").containsPattern("TMT_TEST_SERIAL_NUMBER=[0-9]+\n")
                .containsPattern("TMT_PLAN_DATA=/.*/plans/plan/data\n")
                .containsPattern("TMT_TEST_DATA=/.*/data\n")
                .containsPattern("TMT_TEST_METADATA=/.*/metadata.yaml\n");
    }

    @Test
    void planEnvironmentFileReachesLaterTests() throws Exception {
        assertThat(fixture.run("/writes-plan-env").status()).isEqualTo("pass");
        TestOutcome later = fixture.run("/reads-plan-env");
        assertThat(file(later, "output.txt")).isEqualTo("CARRIED=from an earlier test QUOTED=in quotes\n");
    }

    @Test
    void reportResultGivesSubResultsAndTheMostSevereStatus() throws Exception {
        TestOutcome outcome = fixture.run("/report");
        assertThat(outcome.status()).isEqualTo("fail");
        assertThat(results(outcome)).isEqualTo("""
                {"name": "first", "status": "pass", "files": ["first.log"]}
                {"name": "second/one", "status": "warn"}
                {"name": "third", "status": "fail"}
                {"status": "fail", "files": ["output.txt"]}
                """);
        assertThat(file(outcome, "first/first.log")).isEqualTo("log of first\n");
    }

    @Test
    void reportedResultsWinOverTheExitCode() throws Exception {
        TestOutcome outcome = fixture.run("/report-pass");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(outcome.exitCode()).isEqualTo(1);
    }

    @Test
    void fileSubmitUploadsToTheTestsFiles() throws Exception {
        TestOutcome outcome = fixture.run("/submit");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(results(outcome)).isEqualTo("{\"files\": [\"output.txt\", \"data.txt\"], \"status\": \"pass\"}\n");
        assertThat(file(outcome, "data.txt")).isEqualTo("some data");
    }

    @Test
    void resultKeyInterpretsTheOutcome() throws Exception {
        assertThat(fixture.run("/xfail").status()).isEqualTo("pass");
        TestOutcome forced = fixture.run("/forced");
        assertThat(forced.status()).isEqualTo("info");
        assertThat(forced.failureClass()).isNull();
    }

    @Test
    void backgroundProcessIsGoneAfterTheTest() throws Exception {
        TestOutcome outcome = fixture.run("/background");
        assertThat(outcome.status()).isEqualTo("pass");
        long pid = Long.parseLong(Files.readString(outcome.artifacts().resolve("files/bg.pid")).strip());
        assertThat(running(pid)).as("background process %d", pid).isFalse();
    }

    @Test
    void deadlineStopsTheTest() throws Exception {
        TestOutcome outcome = fixture.run("/timeout");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(outcome.status()).isEqualTo("error");
        assertThat(outcome.exitCode()).isEqualTo(130);
        assertThat(results(outcome)).startsWith("{\"status\": \"error\", \"note\": \"timeout: the test ran past its duration (2s)");
        assertThat(file(outcome, "output.txt")).isEqualTo("started\n");
    }

    @Test
    void testIgnoringSigintIsKilledAfterTheGrace() throws Exception {
        TestOutcome outcome = fixture.run("/ignores-sigint",
                ExecutionSettings.defaults().withGrace(Duration.ofSeconds(2)));
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(outcome.exitCode()).isEqualTo(137);
        assertThat(file(outcome, "output.txt")).isEqualTo("ignoring SIGINT\n");
        assertThat(outcome.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void durationWordsMoveTheDeadlineOnTheSut() throws Exception {
        TestOutcome outcome = fixture.run("/duration-extended");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(file(outcome, "output.txt")).isEqualTo("survived\n");
    }

    @Test
    void restartOnExitCode() throws Exception {
        TestOutcome outcome = fixture.run("/restart");
        assertThat(outcome.status()).isEqualTo("pass");
        assertThat(outcome.restarts()).isEqualTo(2);
        assertThat(outcome.reboots()).isZero();
        assertThat(file(outcome, "output.txt")).isEqualTo("restart 0\nrestart 1\nrestart 2\n");
    }

    @Test
    void protocolErrorEndsTheTestWithAClearReason() throws Exception {
        TestOutcome outcome = fixture.run("/bad-protocol");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.PROTOCOL);
        assertThat(outcome.reason()).contains("unknown control word");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(5));
        assertThat(results(outcome)).contains("\"status\": \"infra\"");
    }

    @Test
    void truncatedResultIsAProtocolError() throws Exception {
        TestOutcome outcome = fixture.run("/truncated-result");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.PROTOCOL);
    }

    @Test
    void missingRequirementIsASetupErrorNotATestFailure() throws Exception {
        TestOutcome outcome = fixture.run("/missing-require");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.SUT_SETUP);
        assertThat(outcome.reason()).contains("drover-no-such-package-xyz");
        assertThat(results(outcome)).startsWith("{\"status\": \"infra\"");
    }

    @Test
    void abortEndsTheTestAsAnError() throws Exception {
        TestOutcome outcome = fixture.run("/abort");
        assertThat(outcome.status()).isEqualTo("error");
        assertThat(outcome.reason()).contains("tmt-abort");
        assertThat(file(outcome, "output.txt")).isEqualTo("before abort\n");
    }

    /** Alive and not a zombie (some init processes reap orphans only every few seconds). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void customResultsComeFromTheTestsResultsFile() throws Exception {
        TestOutcome outcome = fixture.run("/custom");
        assertThat(outcome.status()).isEqualTo("fail");
        assertThat(results(outcome)).isEqualTo("""
                {"name": "sub/one", "status": "pass", "files": ["sub.log"]}
                {"name": "sub/two", "status": "fail", "note": "first note; second note"}
                {"status": "fail", "files": ["output.txt"]}
                """);
        assertThat(file(outcome, "sub/one/sub.log")).isEqualTo("detail\n");
    }

    @Test
    void customResultsWithoutAFileAreAnError() throws Exception {
        TestOutcome outcome = fixture.run("/custom-missing");
        assertThat(outcome.status()).isEqualTo("error");
        assertThat(outcome.failureClass()).isEqualTo(FailureClass.TEST);
        assertThat(outcome.reason()).contains("neither results.yaml nor results.json");
    }

    @Test
    void listenerHearsTheStartEveryResultLineAndTheOutputWithItsOffsets() throws Exception {
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        AttemptListener listener = new AttemptListener() {
            @Override
            public void started() {
                started.incrementAndGet();
            }

            @Override
            public void result(com.fasterxml.jackson.databind.node.ObjectNode line) {
                lines.add(line.toString());
            }

            @Override
            public synchronized void output(long offset, byte[] buf, int off, int len) {
                assertThat(offset).isEqualTo(output.size());
                output.write(buf, off, len);
            }
        };
        // attempt 2: attempt 1 of /report belongs to another test of this class
        TestOutcome outcome = fixture.execution("/report", 2, ExecutionSettings.defaults()).listener(listener).start()
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(started).hasValue(1);
        assertThat(lines).hasSize(4);
        assertThat(String.join("\n", lines).replace(",\"", ", \"").replace("\":", "\": ") + "\n")
                .isEqualTo(results(outcome));
        assertThat(output.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(file(outcome, "output.txt"));
    }
}
