package io.drover.coordinator.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * atex's aggregate line-JSON, uncompressed (the caller gzips): one array {@code [platform, status, test, subtest,
 * files, note]} a line, absent values {@code null}.
 *
 * <ul>
 * <li>Each named result line of a test is a line of its own: {@code subtest} is its {@code name}; status, files and
 *     note as the test reported them.</li>
 * <li>Then the test's own line, {@code subtest} null: the verdict's status (Drover's, {@code infra} included), the
 *     files of its nameless result lines (in order, each once; null when there are none), and as note the last
 *     nameless result's note, or else the verdict's reason, followed by {@code [known issue X] [flaky]}.</li>
 * <li>Tests without a verdict (pending, running) are left out, as atex only aggregates tests that ended.</li>
 * </ul>
 *
 * <p>{@code platform} is the run's context: {@code distro@arch} (atex's own example is {@code 9.8@x86_64}), several
 * values of a dimension joined by {@code ,}, only the one dimension without {@code @} when the other is absent, and
 * "" when both are.
 */
final class AtexAggregateFormat implements ResultsFormat {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public void write(ExportRun run, Iterator<ExportTest> tests, Writer out) throws IOException {
        String platform = platform(run.context());
        while (tests.hasNext()) {
            ExportTest test = tests.next();
            if (!test.hasVerdict()) {
                continue;
            }
            for (ObjectNode result : test.subResults()) {
                out.write(line(platform, result.get("status"), test.test(), result.get("name"), result.get("files"),
                        result.get("note")));
            }
            String own = test.ownNote() != null ? test.ownNote() : test.reason();
            String note = ((own == null ? "" : own) + " " + test.remarks()).strip();
            ArrayNode files = NODES.arrayNode();
            test.ownFiles().forEach(files::add);
            out.write(line(platform, NODES.textNode(test.status()), test.test(), null, files.isEmpty() ? null : files,
                    note.isEmpty() ? null : NODES.textNode(note)));
        }
        out.flush();
    }

    private static String line(String platform, JsonNode status, String test, JsonNode subtest, JsonNode files,
                               JsonNode note) throws IOException {
        ArrayNode line = NODES.arrayNode();
        line.add(platform).add(status).add(test).add(subtest).add(files).add(note);
        return JsonLinesFormat.line(line);
    }

    static String platform(Map<String, List<String>> context) {
        String distro = String.join(",", context.getOrDefault("distro", List.of()));
        String arch = String.join(",", context.getOrDefault("arch", List.of()));
        return distro.isEmpty() || arch.isEmpty() ? distro + arch : distro + "@" + arch;
    }
}
