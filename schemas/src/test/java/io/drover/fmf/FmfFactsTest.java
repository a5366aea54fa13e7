package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.fmf.context.Context;
import io.drover.fmf.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every tree fact of {@code fmf-data/expected-facts.json}, one dynamic test each. */
class FmfFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyFactHolds() {
        Path data = Conformance.fmfData();
        JsonNode facts = Conformance.readJson(data.resolve("expected-facts.json"));
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode fact : facts) {
            index++;
            String name = "#" + index + " " + fact.get("tree").asText() + " " + fact.get("kind").asText()
                    + (fact.has("node") ? " " + fact.get("node").asText() : "")
                    + (fact.has("path") ? " " + fact.get("path") : "");
            tests.add(DynamicTest.dynamicTest(name, () -> check(data, fact)));
        }
        assertThat(tests).hasSize(144);
        return tests.stream();
    }

    private void check(Path data, JsonNode fact) throws IOException {
        Path treeDir = data.resolve(fact.get("tree").asText());
        String kind = fact.get("kind").asText();
        switch (kind) {
            case "error" -> assertThatThrownBy(() -> FmfTree.load(treeDir))
                    .isInstanceOf(errorType(fact.get("error").asText()))
                    .hasMessageContaining(fact.get("contains").asText());
            case "adjust_error" -> {
                FmfTree tree = FmfTree.load(treeDir);
                Adjustment adjustment = adjustment(fact)
                        .withRaiseUndecided("raise".equals(fact.path("undecided").asText()));
                var thrown = assertThatThrownBy(() -> tree.adjusted(adjustment))
                        .isInstanceOf(errorType(fact.get("error").asText()));
                if (fact.has("contains")) {
                    thrown.hasMessageContaining(fact.get("contains").asText());
                }
            }
            case "root_from_subdir" -> {
                FmfTree tree = FmfTree.load(data.resolve(fact.get("start").asText()));
                assertThat(tree.root()).isEqualTo(treeDir.toAbsolutePath().normalize());
                assertThat(tree.find(fact.get("node").asText())).isPresent();
            }
            case "ls" -> {
                List<String> expected = Files.readAllLines(data.resolve(fact.get("expect").asText()));
                assertThat(names(FmfTree.load(treeDir).climb(false))).isEqualTo(expected);
            }
            case "whole" -> assertThat(names(FmfTree.load(treeDir).climb(true)))
                    .isEqualTo(strings(fact.get("expect")));
            case "prune" -> assertThat(names(FmfTree.load(treeDir).prune(query(treeDir, fact))))
                    .isEqualTo(strings(fact.get("expect")));
            default -> checkNode(treeDir, fact, kind);
        }
    }

    private void checkNode(Path treeDir, JsonNode fact, String kind) {
        FmfTree tree = FmfTree.load(treeDir);
        if (kind.startsWith("adjusted_")) {
            tree = tree.adjusted(adjustment(fact));
        }
        String nodeName = fact.get("node").asText();
        if (kind.equals("absent_node")) {
            assertThat(tree.find(nodeName)).isEmpty();
            return;
        }
        FmfNode node = tree.find(nodeName).orElseThrow(() -> new AssertionError("no node " + nodeName));
        switch (kind) {
            case "value", "adjusted_value" -> {
                Object actual = FmfData.get(node.data(), strings(fact.get("path")), MISSING);
                assertThat(actual).as("value at %s", fact.get("path")).isNotSameAs(MISSING);
                JsonNode actualJson = FmfJson.toJson(actual);
                assertThat(FmfJson.sameJson(actualJson, fact.get("eq")))
                        .as("%s equals %s", actualJson, fact.get("eq")).isTrue();
            }
            case "contains" -> assertThat((String) FmfData.get(node.data(), strings(fact.get("path")), null))
                    .contains(fact.get("sub").asText());
            case "keys" -> assertThat(node.data().keySet())
                    .containsExactlyInAnyOrderElementsOf(strings(fact.get("keys")));
            case "absent_key", "adjusted_absent_key" -> assertThat(node.data()).doesNotContainKey(fact.get("key").asText());
            case "child_count" -> assertThat(node.children()).hasSize(fact.get("count").asInt());
            default -> throw new AssertionError("unknown fact kind " + kind);
        }
    }

    private static final Object MISSING = new Object();

    private Adjustment adjustment(JsonNode fact) {
        Map<String, Object> dims = JSON.convertValue(fact.path("context"), new TypeReference<>() { });
        Adjustment adjustment = Adjustment.of(Context.of(dims == null ? Map.of() : dims))
                .withCaseSensitive(!fact.has("case_sensitive") || fact.get("case_sensitive").asBoolean());
        if (fact.has("additional_rules")) {
            List<Map<String, Object>> rules = JSON.convertValue(fact.get("additional_rules"), new TypeReference<>() { });
            String onlyWithKey = fact.path("only_nodes_with_key").asText(null);
            adjustment = adjustment.withAdditionalRules(rules,
                    node -> onlyWithKey == null || node.data().containsKey(onlyWithKey));
        }
        return adjustment;
    }

    private PruneQuery query(Path treeDir, JsonNode fact) {
        List<Filter> filters = strings(fact.path("filters")).stream().map(f -> Filter.parse(f, true, true)).toList();
        Set<Path> sources = new HashSet<>();
        strings(fact.path("sources")).forEach(s -> sources.add(treeDir.resolve(s).toAbsolutePath().normalize()));
        return PruneQuery.leaves().withKeys(strings(fact.path("keys"))).withNames(strings(fact.path("names")))
                .withFilters(filters).withSources(sources);
    }

    private static Class<? extends Throwable> errorType(String pythonName) {
        return switch (pythonName) {
            case "FormatError" -> FmfFormatException.class;
            case "FileError" -> FmfFileException.class;
            case "MergeError" -> MergeException.class;
            case "CannotDecide" -> CannotDecideException.class;
            case "InvalidRule" -> InvalidRuleException.class;
            case "FilterError" -> FilterException.class;
            default -> throw new AssertionError("unknown error type " + pythonName);
        };
    }

    private static List<String> names(List<FmfNode> nodes) {
        return nodes.stream().map(FmfNode::name).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
