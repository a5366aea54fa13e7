package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The dump of every fixture tree equals its golden {@code nodes.json}, and {@code ls} its {@code ls.txt}. */
class GoldenDumpTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureTreeMatchesItsGoldenDump() throws IOException {
        Path data = Conformance.fmfData();
        List<Path> goldens = Conformance.goldenDumps();
        assertThat(goldens).isNotEmpty();
        return goldens.stream().map(golden -> DynamicTest.dynamicTest(golden.getFileName().toString(), () -> {
            JsonNode expected = Conformance.readJson(golden);
            Path tree = data.resolve(expected.get("tree").asText());
            ObjectNode actual = FmfJson.dump(FmfTree.load(tree));
            assertThat(actual.get("leaves")).isEqualTo(expected.get("leaves"));
            assertThat(actual.get("nodes").properties()).extracting(e -> e.getKey())
                    .containsExactlyElementsOf(expected.get("nodes").properties().stream().map(e -> e.getKey()).toList());
            expected.get("nodes").properties().forEach(e -> assertThat(
                    FmfJson.sameJson(actual.get("nodes").get(e.getKey()), e.getValue()))
                    .as("node %s: %s vs golden %s", e.getKey(), actual.get("nodes").get(e.getKey()), e.getValue())
                    .isTrue());
            Path ls = golden.resolveSibling(golden.getFileName().toString().replace(".nodes.json", ".ls.txt"));
            if (Files.exists(ls)) {
                assertThat(actual.get("leaves")).extracting(JsonNode::asText)
                        .containsExactlyElementsOf(Files.readAllLines(ls));
            }
        }));
    }
}
