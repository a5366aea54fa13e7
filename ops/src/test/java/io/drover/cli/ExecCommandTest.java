package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover exec} end to end on this machine ({@code --sut local}): real fmf trees, the real
 * runner, real processes. The runner's work directory goes under a temporary directory
 * ({@code --sut-workdir}), never {@code /var/lib/drover}. A run that hangs fails its test after a minute.
 */
@Timeout(60)
class ExecCommandTest {
    private static final String PLAN = "/plans/smoke";
    /** One plan, {@code /plans/smoke}, running every test of the tree. */
    private static final String SMOKE_PLAN = """
            /smoke:
                discover: {how: fmf}
                execute: {how: tmt}
            """;
    /** A finished test's line: kind, name, (seconds, SUT). */
    private static final String TOOK_ON_LOCAL = " \\(\\d+\\.\\ds, local\\)";

    @TempDir
    Path temp;
    private ExecFixture fixture;

    @BeforeEach
    void createFixture() {
        fixture = new ExecFixture(temp);
    }

    @AfterEach
    void removeWhatRunsLeftInTheDefaultWorkRoot() {
        fixture.close();
    }

    private static void assertExit(ExecFixture.Run run, int code) {
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isEqualTo(code);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in");
    }

    // --- exit codes -------------------------------------------------------------------------

    @Test
    void passingTestExitsZeroAndWritesAttemptArtifactsUnderPlanAndTestNames() throws IOException {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests/basic.fmf", "test: printf 'hello from the test\\n'; printf 'to stderr\\n' >&2\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 0);
        Path attempt = fixture.attempt(PLAN, "/tests/basic");
        assertThat(attempt).isEqualTo(fixture.artifacts.resolve("plans/smoke/tests/basic/attempt-1"));
        assertThat(Files.readString(attempt.resolve("results")))
                .isEqualTo("{\"status\": \"pass\", \"files\": [\"output.txt\"]}\n");
        // exactly the test's bytes; the runner's own diagnostics (e.g. tail's "inotify cannot be used" when the
        // machine runs out of inotify instances) do not belong here
        assertThat(Files.readString(attempt.resolve("files/output.txt"))).isEqualTo("hello from the test\nto stderr\n");
        try (var entries = Files.list(attempt)) {
            assertThat(entries.map(p -> p.getFileName().toString())).as("testout.temp is gone")
                    .containsExactlyInAnyOrder("results", "files");
        }
    }

    @Test
    void stderrHasTheRunLineOneLinePerTestAndTheSummary() {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests.fmf", "/one:\n    test: 'true'\n/two:\n    test: exit 1\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 1);
        List<String> lines = run.errLines();
        assertThat(lines.get(0)).matches("drover: run \\d{8}-\\d{6}-[0-9a-f]{4}: 2 tests in 1 plan on 1 SUT; artifacts in "
                + java.util.regex.Pattern.quote(fixture.artifacts.toString()));
        assertThat(lines).contains("SUT local ready");
        assertThat(run.linesStartingWith("PASS")).singleElement().asString().matches("PASS  /tests/one" + TOOK_ON_LOCAL);
        assertThat(run.linesStartingWith("FAIL")).singleElement().asString()
                .matches("FAIL  /tests/two" + TOOK_ON_LOCAL + ": test: status fail, exit code 1");
        assertThat(run.summary()).matches("drover: 2 tests in \\d+\\.\\ds: 1 passed, 1 failed, 0 errored, 0 skipped, "
                + "0 infrastructure");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("drover: artifacts in " + fixture.artifacts);
    }

    @Test
    void failingTestExitsOne() throws IOException {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests.fmf", "/good:\n    test: 'true'\n/bad:\n    test: echo broken; exit 1\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 1);
        assertThat(Files.readString(fixture.attempt(PLAN, "/tests/bad").resolve("results")))
                .isEqualTo("{\"status\": \"fail\", \"files\": [\"output.txt\"]}\n");
        assertThat(Files.readString(fixture.attempt(PLAN, "/tests/bad").resolve("files/output.txt"))).contains("broken\n");
    }

    @Test
    void testExitingWithTwoErrorsAndOutranksAFailure() {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests.fmf", "/bad:\n    test: exit 1\n/crash:\n    test: exit 2\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 2);
        assertThat(run.linesStartingWith("ERROR")).singleElement().asString()
                .matches("ERROR /tests/crash" + TOOK_ON_LOCAL + ": test: status error, exit code 2");
        assertThat(run.summary()).endsWith(": 0 passed, 1 failed, 1 errored, 0 skipped, 0 infrastructure");
    }

    @Test
    void testPastItsDurationIsStoppedAndErrors() throws IOException {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests/slow.fmf", "test: echo started; sleep 30; echo not stopped\nduration: 2s\n");

        long started = System.nanoTime();
        ExecFixture.Run run = fixture.exec("--sut", "local", "--grace", "1s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertExit(run, 2);
        assertThat(took).as("the test was stopped, not left to sleep").isLessThan(Duration.ofSeconds(20));
        assertThat(run.linesStartingWith("ERROR")).singleElement().asString()
                .matches("ERROR /tests/slow" + TOOK_ON_LOCAL + ": timeout: the test ran past its duration \\(2s\\) and was stopped");
        Path attempt = fixture.attempt(PLAN, "/tests/slow");
        assertThat(Files.readString(attempt.resolve("results"))).isEqualTo("{\"status\": \"error\", \"note\": \"timeout: "
                + "the test ran past its duration (2s) and was stopped\", \"files\": [\"output.txt\"]}\n");
        assertThat(Files.readString(attempt.resolve("files/output.txt"))).contains("started\n").doesNotContain("not stopped");
    }

    @Test
    void plansSelectingNoTestsExitThreeWithoutTouchingTheSut() {
        fixture.write("plans.fmf", SMOKE_PLAN);

        ExecFixture.Run empty = fixture.exec("--sut", "local");

        assertExit(empty, 3);
        assertThat(empty.errLines().get(0)).contains(": 0 tests in 1 plan on 1 SUT;");
        assertThat(empty.errLines()).contains("drover: nothing ran: the plans selected no tests");
        assertThat(empty.summary()).matches("drover: 0 tests in \\d+\\.\\ds: 0 passed, 0 failed, 0 errored, 0 skipped, "
                + "0 infrastructure");
        assertThat(fixture.sutWork).as("nothing was set up on the SUT").doesNotExist();

        fixture.write("tests/one.fmf", "test: 'true'\n");
        ExecFixture.Run nameMatchesNothing = fixture.exec("--sut", "local", "--name", "no-such-test");
        assertExit(nameMatchesNothing, 3);
        assertThat(nameMatchesNothing.errLines()).contains("drover: nothing ran: the plans selected no tests");
    }

    @Test
    void testsThatAllSkipThemselvesExitFour() throws IOException {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests.fmf", """
                        /by-name:
                            test: tmt-report-result /tests/by-name SKIP
                        /restraint-alias:
                            test: rstrnt-report-result "$TMT_TEST_NAME" skip
                        """);

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 4);
        assertThat(run.linesStartingWith("SKIP")).hasSize(2)
                .anySatisfy(l -> assertThat(l).matches("SKIP  /tests/by-name" + TOOK_ON_LOCAL))
                .anySatisfy(l -> assertThat(l).matches("SKIP  /tests/restraint-alias" + TOOK_ON_LOCAL));
        assertThat(run.summary()).endsWith(": 0 passed, 0 failed, 0 errored, 2 skipped, 0 infrastructure");
        assertThat(Files.readString(fixture.attempt(PLAN, "/tests/by-name").resolve("results")))
                .startsWith("{\"status\": \"skip\"");
    }

    @Test
    void skippedAndPassedTogetherExitZero() {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests.fmf", "/skip:\n    test: tmt-report-result /tests/skip SKIP\n/pass:\n    test: 'true'\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 0);
        assertThat(run.summary()).endsWith(": 1 passed, 0 failed, 0 errored, 1 skipped, 0 infrastructure");
    }

    @Test
    void resultKeyOverridesWhatTheExitCodeSays() throws IOException {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests.fmf", """
                        /expected-failure:
                            test: exit 1
                            result: xfail
                        /forced-fail:
                            test: 'true'
                            result: fail
                        """);

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 1);
        assertThat(run.linesStartingWith("PASS")).singleElement().asString().startsWith("PASS  /tests/expected-failure (");
        assertThat(run.linesStartingWith("FAIL")).singleElement().asString()
                .matches("FAIL  /tests/forced-fail" + TOOK_ON_LOCAL + ": test: status fail, exit code 0");
        assertThat(Files.readString(fixture.attempt(PLAN, "/tests/expected-failure").resolve("results")))
                .isEqualTo("{\"status\": \"pass\", \"files\": [\"output.txt\"]}\n");
    }

    @Test
    void unreachableSshSutExitsFiveWithOneLineNamingTheHost() throws Exception {
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests/one.fmf", "test: 'true'\n");

        // an identity, so that the attempt gets as far as the TCP connection
        ExecFixture.Run run = fixture.exec("--sut", "ssh://nobody@127.0.0.1:1", "--identity", privateKey().toString());

        assertExit(run, 5);
        assertThat(run.errLines().stream().filter(l -> l.contains("127.0.0.1:1")))
                .singleElement().asString().contains("Connection refused");
        assertThat(run.errLines()).contains("drover: error: no SUT could be reached");
        assertThat(run.linesStartingWith("PASS")).isEmpty();
    }

    @Test
    void missingRequiredPackageIsASetupFailureAndExitsFive() throws IOException {
        fixture.write("plans.fmf", SMOKE_PLAN)
                .write("tests/needs.fmf", "test: echo the test body ran\nrequire: [drover-no-such-package-zz9]\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 5);
        assertThat(run.linesStartingWith("INFRA")).singleElement().asString()
                .startsWith("INFRA /tests/needs (")
                .contains("sut-setup: local: cannot set up /tests/needs: ")
                .contains("drover-no-such-package-zz9");
        assertThat(run.summary()).endsWith(": 0 passed, 0 failed, 0 errored, 0 skipped, 1 infrastructure");
        Path attempt = fixture.attempt(PLAN, "/tests/needs");
        assertThat(Files.readString(attempt.resolve("results"))).startsWith("{\"status\": \"infra\", \"note\": \"sut-setup: ");
        assertThat(Files.readString(attempt.resolve("files/output.txt"))).contains("drover-no-such-package-zz9")
                .doesNotContain("the test body ran");
    }

    // --- user mistakes ----------------------------------------------------------------------

    @Test
    void badOptionValuesExit64WithOneLineAndRunNothing() {
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests/one.fmf", "test: 'true'\n");
        String[][] cases = {
                {"--sut", "somewhere", "bad SUT address 'somewhere'"},
                {"--sut", "ssh://example.com", "bad SUT address 'ssh://example.com' (no user)"},
                {"--sut", "ssh://root@host:99999", "bad port '99999'"},
                {"--grace", "soon", "--grace soon: not a duration"},
                {"--host-key-policy", "trust-all", "--host-key-policy must be strict or accept-new, not 'trust-all'"},
                {"--sut-workdir", "relative/dir", "--sut-workdir must be an absolute path"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("exec", "--artifacts", fixture.artifacts.toString()));
            if (!c[0].equals("--sut")) {
                args.addAll(List.of("--sut", "local"));
            }
            args.addAll(List.of(c[0], c[1], fixture.tree.toString()));
            ExecFixture.Run run = fixture.execExactly(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s %s: %s", c[0], c[1], run.err()).isEqualTo(64);
            assertThat(run.errLines()).as("%s %s", c[0], c[1]).singleElement().asString()
                    .startsWith("drover: ").contains(c[2]).doesNotContain("Exception");
        }
        assertThat(fixture.artifacts).as("nothing ran").doesNotExist();
    }

    @Test
    void missingSutOptionExits64() {
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests/one.fmf", "test: 'true'\n");

        ExecFixture.Run run = fixture.execExactly("exec", fixture.tree.toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.errLines()).singleElement().asString().contains("--sut");
    }

    @Test
    void planRegexpMatchingNoPlanExits64NamingTheRegexpAndThePlans() {
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests/one.fmf", "test: 'true'\n");

        ExecFixture.Run run = fixture.exec("--sut", "local", "--plan", "nightly");

        assertExit(run, 64);
        assertThat(run.errLines()).singleElement().asString().startsWith("drover: error: ").contains("nightly", PLAN);
        assertThat(fixture.artifacts).as("nothing ran").doesNotExist();
    }

    // --- prepare and finish -------------------------------------------------------------------

    @Test
    void prepareEnvironmentFileReachesTheTestAndFinishRunsAfterTheTests() throws IOException {
        Path marks = Files.createDirectory(temp.resolve("marks"));
        fixture.write("plans.fmf", """
                /smoke:
                    discover: {how: fmf}
                    execute: {how: tmt}
                    environment:
                        MARKS: %s
                    prepare:
                        how: shell
                        script: echo preparing; echo FOO=bar >> "$TMT_PLAN_ENVIRONMENT_FILE"
                    finish:
                        how: shell
                        script: echo finishing; if [ -e "$MARKS/test-ran" ]; then echo after > "$MARKS/finish"; else echo before > "$MARKS/finish"; fi
                """.formatted(marks))
                .write("tests/env.fmf", "test: echo \"FOO=$FOO\"; touch \"$MARKS/test-ran\"\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 0);
        assertThat(Files.readString(fixture.attempt(PLAN, "/tests/env").resolve("files/output.txt"))).contains("FOO=bar\n");
        assertThat(Files.readString(marks.resolve("finish"))).as("finish ran after the test").isEqualTo("after\n");
        assertThat(Files.readString(fixture.artifacts.resolve("plans/smoke/prepare-local.log"))).isEqualTo("preparing\n");
        assertThat(Files.readString(fixture.artifacts.resolve("plans/smoke/finish-local.log"))).isEqualTo("finishing\n");
    }

    @Test
    void aFailedPrepareKeepsTheSutOnlyOutOfItsOwnPlan() {
        fixture.write("plans.fmf", """
                /a-broken:
                    discover: {how: fmf}
                    execute: {how: tmt}
                    prepare: {how: shell, script: exit 3}
                    finish: {how: shell, script: echo must not run}
                /b-fine:
                    discover: {how: fmf}
                    execute: {how: tmt}
                """)
                .write("tests/one.fmf", "test: 'true'\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 5);
        assertThat(run.linesStartingWith("INFRA")).singleElement().asString().startsWith("INFRA /tests/one (");
        assertThat(run.linesStartingWith("PASS")).singleElement().asString().startsWith("PASS  /tests/one (");
        assertThat(fixture.artifacts.resolve("plans/a-broken/finish-local.log")).doesNotExist();
    }

    @Test
    void failingPrepareExitsFiveNamingThePlanAndThePhaseAndRunsNoTest() {
        fixture.write("plans.fmf", """
                /smoke:
                    discover: {how: fmf}
                    execute: {how: tmt}
                    prepare:
                        name: break-it
                        how: shell
                        script: echo the reason >&2; exit 3
                """)
                .write("tests/one.fmf", "test: 'true'\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 5);
        assertThat(run.errLines().stream().filter(l -> l.startsWith("SUT ") && l.contains("prepare phase")))
                .singleElement().asString()
                .contains("plan " + PLAN + " prepare phase 'break-it' failed (exit 3): the reason")
                .contains(fixture.artifacts.resolve("plans/smoke/prepare-local.log").toString());
        assertThat(run.linesStartingWith("INFRA")).singleElement().asString().startsWith("INFRA /tests/one (")
                .contains("sut-setup: not run: no usable SUT left");
        assertThat(run.linesStartingWith("PASS")).isEmpty();
        assertThat(run.summary()).endsWith(": 0 passed, 0 failed, 0 errored, 0 skipped, 1 infrastructure");
    }

    @Test
    void failingFinishIsReportedButDoesNotChangeTheExitCode() {
        fixture.write("plans.fmf", """
                /smoke:
                    discover: {how: fmf}
                    execute: {how: tmt}
                    finish:
                        how: shell
                        script: echo cleanup failed >&2; exit 4
                """)
                .write("tests/one.fmf", "test: 'true'\n");

        ExecFixture.Run run = fixture.exec("--sut", "local");

        assertExit(run, 0);
        assertThat(run.linesStartingWith("finish of " + PLAN + " failed on local: ")).singleElement().asString()
                .contains("finish phase", "failed (exit 4): cleanup failed");
    }

    // --- several SUTs, work directory ----------------------------------------------------------

    @Test
    void sameSutTwiceIsRefused() {
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests/one.fmf", "test: 'true'\n");
        ExecFixture.Run run = fixture.exec("--sut", "local", "--sut", "local");
        assertExit(run, 64);
        assertThat(run.err()).contains("--sut local is given twice");
    }

    @Test
    void twoSutsShareTheTestsAndRunEachOnce() throws IOException {
        Path marks = Files.createDirectory(temp.resolve("marks"));
        StringBuilder tests = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            tests.append("/t").append(i).append(":\n    test: echo $$ >> \"").append(marks).append("/t").append(i).append("\"\n");
        }
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests.fmf", tests.toString());

        ExecFixture.Run run = fixture.exec("--sut", "sim:2");

        assertExit(run, 0);
        assertThat(run.errLines().get(0)).contains(": 4 tests in 1 plan on 2 SUTs;");
        assertThat(run.linesStartingWith("PASS")).hasSize(4);
        assertThat(run.summary()).endsWith(": 4 passed, 0 failed, 0 errored, 0 skipped, 0 infrastructure");
        for (int i = 1; i <= 4; i++) {
            assertThat(Files.readAllLines(marks.resolve("t" + i))).as("/tests/t%d ran once", i).hasSize(1);
        }
    }

    @Test
    void runnerFilesGoUnderSutWorkdirAndNotTheDefaultWorkRoot() {
        fixture.write("plans.fmf", SMOKE_PLAN).write("tests/one.fmf", "test: 'true'\n");

        ExecFixture.Run run = fixture.exec("--sut", "local", "--keep-sut-files");

        assertExit(run, 0);
        assertThat(fixture.sutWork.resolve("runs").resolve(run.runId() + "-local").resolve("bin/drover-runner"))
                .isRegularFile();
        ExecFixture.Run cleaned = fixture.exec("--sut", "local");
        assertExit(cleaned, 0);
        assertThat(fixture.sutWork.resolve("runs").resolve(cleaned.runId() + "-local")).as("removed at the end")
                .doesNotExist();
        assertThat(fixture.leftFilesInDefaultWorkRoot(run)).as("files under " + ExecFixture.DEFAULT_WORK_ROOT).isFalse();
    }

    /** An unencrypted RSA private key (PKCS#8 PEM) in the temporary directory. */
    private Path privateKey() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path key = temp.resolve("id_rsa");
        Files.writeString(key, pem);
        return key;
    }
}
