package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code drover run} stores its results (in the embedded PostgreSQL of the state directory the tests point to), and
 * {@code drover runs ls} and {@code drover results} read them back.
 */
class ResultsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** Runs a tree of one plan with these tests on a simulated SUT; returns the run's id. */
    private String run(Path artifacts, String tests, int exitCode) throws Exception {
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Files.writeString(tree.resolve("plan.fmf"), "discover: {how: fmf}\nexecute: {how: tmt}\n");
        Files.writeString(tree.resolve("tests.fmf"), tests);
        CliRun run = CliRun.of("run", "--pool", "sim:1", "--artifacts", artifacts.toString(), tree.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        return run.err().lines().findFirst().orElseThrow().split(" ")[2].replace(":", "");
    }

    @Test
    void aRunsResultsAreListedAndExportedInEveryFormat() throws Exception {
        Path artifacts = temp.resolve("artifacts");
        String id = run(artifacts, """
                /good:
                    test: echo good
                /bad:
                    test: echo bad; exit 1
                """, 1);

        CliRun runs = CliRun.of("runs", "ls", "--json");
        JsonNode newest = JSON.readTree(runs.out().lines().findFirst().orElseThrow());
        assertThat(newest.get("run").textValue()).isEqualTo(id);
        assertThat(newest.get("exitCode").intValue()).isEqualTo(1);
        assertThat(newest.get("passed").intValue()).isEqualTo(1);
        assertThat(newest.get("failed").intValue()).isEqualTo(1);
        assertThat(CliRun.of("runs", "ls").out()).contains(id).contains("exit 1");

        CliRun table = CliRun.of("results", id);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("PASS +/tests/good").containsPattern("FAIL +/tests/bad");
        assertThat(CliRun.of("results", "--last").out()).isEqualTo(table.out());

        String junit = CliRun.of("results", id, "--format", "junit").out();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-xsd/windyroad-JUnit.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(junit)));
        assertThat(junit).contains("<failure");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tmt = (List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                .loadFromString(CliRun.of("results", id, "-f", "tmt").out());
        assertThat(tmt).extracting(r -> r.get("name") + " " + r.get("result")).containsExactlyInAnyOrder(
                "/tests/good pass", "/tests/bad fail");

        List<String> atex = CliRun.of("results", id, "-f", "atex").out().lines().toList();
        assertThat(atex).allSatisfy(line -> assertThat(JSON.readTree(line).size()).isEqualTo(6));
        assertThat(artifacts.resolve(id).resolve("results.jsonl.gz")).exists();
    }

    @Test
    void aRunIsRemovedWithItsFilesAndOnlyOnce() throws Exception {
        Path artifacts = temp.resolve("artifacts");
        String id = run(artifacts, "/good:\n    test: echo good\n", 0);
        assertThat(artifacts.resolve(id)).isDirectory();

        CliRun rm = CliRun.of("runs", "rm", id, "--results", artifacts.toString());
        assertThat(rm.exitCode()).as(rm.err()).isZero();
        assertThat(rm.out()).isEqualTo("removed " + id + " (1 tests)\n");
        assertThat(artifacts.resolve(id)).doesNotExist();
        assertThat(CliRun.of("runs", "ls", "--json").out()).doesNotContain(id);
        assertThat(CliRun.of("results", id).exitCode()).isEqualTo(64);

        CliRun again = CliRun.of("runs", "rm", id);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("drover: error: no run " + id + " in the store\n");
        assertThat(CliRun.of("runs", "rm").exitCode()).isEqualTo(64);
        CliRun badAge = CliRun.of("runs", "rm", "--older-than", "soon");
        assertThat(badAge.exitCode()).isEqualTo(64);
        assertThat(badAge.err()).startsWith("drover: error: --older-than soon: ");
    }

    @Test
    void unknownRunsAndFormatsAreUsageErrors() {
        CliRun unknown = CliRun.of("results", "no-such-run");
        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.err().strip()).isEqualTo("drover: error: no run no-such-run in the result store "
                + "(drover runs ls lists them)");
        CliRun format = CliRun.of("results", "--last", "-f", "yaml");
        assertThat(format.exitCode()).isEqualTo(64);
        assertThat(format.err().strip().lines()).hasSize(1).allMatch(l -> l.startsWith("drover: error: --format: "));
        CliRun badDb = CliRun.of("runs", "ls", "--db", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(badDb.exitCode()).isEqualTo(74);
        assertThat(badDb.err().strip().lines()).hasSize(1)
                .allMatch(l -> l.startsWith("drover: error: cannot use the database 127.0.0.1:1/none: "));
    }
}
