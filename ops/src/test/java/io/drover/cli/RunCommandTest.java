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
}
