package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover run} with everything started in the process: broker, coordinator, a worker, simulated SUTs. */
class RunCommandTest {
    private static final String DEMO = Path.of("..", "examples", "demo").toString();
    @TempDir
    Path temp;

    @Test
    void theDemoRunsOnFourSimulatedSutsAndExitsAsExecDoes() throws Exception {
        Path artifacts = temp.resolve("artifacts");
        CliRun run = CliRun.of("run", "--pool", "sim:4", "--artifacts", artifacts.toString(), DEMO);
        CliRun exec = CliRun.of("exec", "--sut", "sim:4", "--artifacts", temp.resolve("exec").toString(),
                DEMO);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(exec.exitCode());
        String[] lines = run.err().split("\n");
        assertThat(lines[0]).matches("drover: run \\S+: \\d+ tests in 2 plans on 4 SUTs; artifacts in .*");
        assertThat(run.err()).contains("PASS  /tests/basic");
        assertThat(lines[lines.length - 2]).matches("drover: \\d+ tests in .*: \\d+ passed, .*");
        String runId = lines[0].split(" ")[2].replace(":", "");
        assertThat(Files.isDirectory(artifacts.resolve(runId))).as("artifacts of run " + runId).isTrue();
    }

    @Test
    void badPoolsAndUnknownPlansExit64WithOneLine() {
        CliRun badSim = CliRun.of("run", "--pool", "sim:0", DEMO);
        assertThat(badSim.exitCode()).isEqualTo(64);
        assertThat(badSim.err().strip()).isEqualTo("drover: error: 'sim:0': sim:N needs N between 1 and 1000");

        CliRun noPlan = CliRun.of("run", "--pool", "sim:1", "--plan", "/no/such", DEMO);
        assertThat(noPlan.exitCode()).isEqualTo(64);
        assertThat(noPlan.err().strip().lines()).hasSize(1).allMatch(l -> l.contains("No plan matches /no/such"));
    }

    @Test
    void badPoolFilesExit65NamingFileLineAndKey() throws Exception {
        Path pool = temp.resolve("pool.yaml");
        java.nio.file.Files.writeString(pool, "suts:\n  - address: ssh://10.0.0.5\n");
        CliRun run = CliRun.of("run", "--pool", pool.toString(), DEMO);
        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .startsWith("drover: error: " + pool + ":2: suts.address: bad SUT address 'ssh://10.0.0.5'");

        CliRun missing = CliRun.of("run", "--pool", temp.resolve("nope.yaml").toString(), DEMO);
        assertThat(missing.exitCode()).isEqualTo(64);
        assertThat(missing.err()).contains("no such file (give a pool file or sim:N)");
    }

    @Test
    void farmCommandsRefuseBadOptionsWithOneLine() {
        CliRun worker = CliRun.of("worker");
        assertThat(worker.exitCode()).isEqualTo(64);
        assertThat(worker.err().strip().lines()).hasSize(1).allMatch(l -> l.contains("--kafka"));

        CliRun coordinator = CliRun.of("coordinator", "--kafka", "127.0.0.1:1", "--partitions", "0");
        assertThat(coordinator.exitCode()).isEqualTo(64);
        assertThat(coordinator.err().strip()).isEqualTo("drover: error: --partitions must be 1 or more, not 0");

        CliRun namespace = CliRun.of("run", "--pool", "sim:1", "--namespace", "a.b", DEMO);
        assertThat(namespace.exitCode()).isEqualTo(64);
        assertThat(namespace.err().strip()).startsWith("drover: error: --namespace: farm namespace 'a.b'");
    }

    @Test
    void knownIssuesMarkMatchingFailuresAndARetriedPassIsFlaky() throws Exception {
        Path tree = temp.resolve("tree");
        java.nio.file.Files.createDirectories(tree.resolve(".fmf"));
        java.nio.file.Files.writeString(tree.resolve(".fmf/version"), "1\n");
        java.nio.file.Files.writeString(tree.resolve("plan.fmf"), "discover: {how: fmf}\nexecute: {how: tmt}\n");
        Path mark = temp.resolve("second-time");
        java.nio.file.Files.writeString(tree.resolve("tests.fmf"), """
                /refused:
                    test: echo "connect to 10.0.0.1 - Connection refused"; exit 1
                /wobbly:
                    test: if [ -e %s ]; then exit 0; fi; touch %s; exit 1
                """.formatted(mark, mark));
        Path rules = temp.resolve("known.yaml");
        java.nio.file.Files.writeString(rules, """
                - test: /tests/refused
                  output: Connection refused
                  issue: BUG-1
                """);
        CliRun run = CliRun.of("run", "--pool", "sim:2", "--test-retries", "1", "--known-issues", rules.toString(),
                "--artifacts", temp.resolve("artifacts").toString(), tree.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).containsPattern("FAIL  /tests/refused \\(.*\\): test: .*\\[known issue BUG-1\\]")
                .containsPattern("PASS  /tests/wobbly \\(.*\\) \\[flaky\\]");
    }
}
