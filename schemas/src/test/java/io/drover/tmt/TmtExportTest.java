package io.drover.tmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.fmf.Conformance;
import io.drover.fmf.FmfJson;
import io.drover.fmf.FmfYaml;
import io.drover.fmf.context.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code export} facts of {@code tmt-data/expected-tmt.json}: every key we model of
 * every exported test and plan equals what {@code tmt tests|plans export} printed.
 */
class TmtExportTest {
    /** Absolute paths of the machine that produced the corpus; and the effective context, which tmt joins with the command line's. */
    private static final Set<String> NOT_COMPARED = Set.of("sources", "context");

    @TestFactory
    Stream<DynamicTest> exportedKeysMatchTmt() {
        Path data = Conformance.tmtData();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fact : Conformance.readJson(data.resolve("expected-tmt.json"))) {
            if (!fact.get("kind").asText().equals("export")) {
                continue;
            }
            String cmd = fact.get("cmd").asText();
            tests.add(DynamicTest.dynamicTest(fact.get("tree").asText() + " " + cmd, () -> {
                TmtTree tree = TmtTree.load(data.resolve(fact.get("tree").asText()));
                Context context = Context.empty();
                String[] words = cmd.split(" ");
                String name = null;
                for (int i = 0; i < words.length; i++) {
                    if (words[i].equals("-c")) {
                        String[] kv = words[++i].split("=", 2);
                        context = Context.of(Map.of(kv[0], kv[1]));
                    } else if (words[i].equals("export") && i + 1 < words.length) {
                        name = words[i + 1];
                    }
                }
                List<Map<String, Object>> actual = new ArrayList<>();
                if (cmd.contains("plans export")) {
                    String only = name;
                    tree.plans(context).stream().filter(p -> only == null || p.name().equals(only))
                            .forEach(p -> actual.add(p.export()));
                } else {
                    tree.tests(context).forEach(t -> actual.add(t.export()));
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> expected = (List<Map<String, Object>>) FmfYaml.parse(fact.get("result").asText(), cmd);
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    Map<String, Object> mine = actual.get(i);
                    Map<String, Object> theirs = new LinkedHashMap<>(expected.get(i));
                    theirs.keySet().retainAll(mine.keySet());
                    theirs.keySet().removeAll(NOT_COMPARED);
                    assertThat(theirs.keySet()).as("keys compared").isNotEmpty();
                    for (Map.Entry<String, Object> entry : theirs.entrySet()) {
                        JsonNode want = FmfJson.toJson(entry.getValue());
                        JsonNode got = FmfJson.toJson(mine.get(entry.getKey()));
                        assertThat(FmfJson.sameJson(got, want))
                                .as("%s key %s: ours %s, tmt %s", theirs.get("name"), entry.getKey(), got, want).isTrue();
                    }
                }
            }));
        }
        assertThat(tests).hasSize(10);
        return tests.stream();
    }
}
