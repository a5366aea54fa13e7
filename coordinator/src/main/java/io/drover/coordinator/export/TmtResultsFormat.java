package io.drover.coordinator.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.control.ArtifactPaths;
import io.drover.tree.GitUrls;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * tmt's {@code results.yaml}: a YAML list, one mapping per test with the keys of tmt's own results, in its order
 * ({@code name result original-result note log start-time end-time duration serial-number fmf-id context ids guest
 * subresult check data-path}; a sub-result has the first eight and {@code check}),
 * {@code null} or empty where Drover has nothing to say. Each item is dumped as it comes and appended, so the list
 * never exists in memory; a run without tests is {@code []}.
 *
 * <p>{@code result} is tmt's outcome: {@code pass fail info warn error skip pending} as they are, {@code running} as
 * {@code pending}, {@code infra} and any other status as {@code error} (the note then says {@code drover status: X}).
 * Paths ({@code log}, {@code data-path}) are relative to the run's artifacts directory, where this file belongs:
 * {@code <attempt>/files/<file>} for the test's own files (its main log first), {@code
 * <attempt>/files/<sub-result>/<file>} for a sub-result's. Durations and timestamps are double-quoted, so that a
 * YAML 1.1 reader (PyYAML) reads strings too, not a sexagesimal number or a date.
 */
final class TmtResultsFormat implements ResultsFormat {
    private static final DumpSettings YAML = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setSplitLines(false).setDereferenceAliases(true).build();
    /** Durations and timestamps, which a YAML 1.1 reader (PyYAML) takes for a number or a date unless quoted. */
    private static final Pattern TIME_LIKE = Pattern.compile("[0-9][0-9.T+-]*:[0-9:.T+-]*");
    /** tmt's timestamps: microseconds and a numeric offset, {@code 2023-03-10T09:44:14.439120+00:00}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    @Override
    public void write(ExportRun run, Iterator<ExportTest> tests, Writer out) throws IOException {
        if (!tests.hasNext()) {
            out.write("[]\n");
        }
        Dump dump = new Dump(YAML, new TimeQuotingRepresenter());
        while (tests.hasNext()) {
            out.write(dump.dumpToString(List.of(item(run, tests.next()))));
        }
        out.flush();
    }

    private static Map<String, Object> item(ExportRun run, ExportTest test) {
        List<String> notes = notes(test.reason(), test.knownIssue() == null ? null : "known issue " + test.knownIssue(),
                test.flaky() ? "flaky: passed on a retry" : null);
        Map<String, Object> item = result(test.test(), test.status(), notes,
                logs(test.attemptDir(), "", test.ownFiles()), time(test.startedAt()), time(test.finishedAt()),
                test.startedAt() == null ? null : test.clockDuration());
        item.put("serial-number", test.serial());
        item.put("fmf-id", fmfId(run, test));
        item.put("context", run.context());
        item.put("ids", Map.of());
        Map<String, Object> guest = new LinkedHashMap<>();
        guest.put("name", test.sut());
        guest.put("role", null);
        item.put("guest", guest);
        List<Map<String, Object>> subresults = new ArrayList<>();
        for (ObjectNode line : test.subResults()) {
            String name = line.get("name").asText();
            Set<String> files = new LinkedHashSet<>();
            line.path("files").forEach(file -> files.add(file.asText()));
            String note = line.path("note").isTextual() ? line.get("note").textValue() : null;
            Map<String, Object> subresult = result(name, line.path("status").asText("info"), notes(note),
                    logs(test.attemptDir(), ArtifactPaths.normalize(name), files), null, null, null);
            subresult.put("check", List.of());
            subresults.add(subresult);
        }
        item.put("subresult", subresults);
        item.put("check", List.of());
        item.put("data-path", test.attemptDir() == null ? null : test.attemptDir() + "/files");
        return item;
    }

    /** The keys tmt's results and sub-results share; the note says the Drover status when tmt has no such outcome. */
    private static Map<String, Object> result(String name, String status, List<String> notes, List<String> logs,
                                              String startTime, String endTime, String duration) {
        String result = outcome(status);
        if (!result.equals(status)) {
            notes.add("drover status: " + status);
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("result", result);
        item.put("original-result", result);
        item.put("note", notes);
        item.put("log", logs);
        item.put("start-time", startTime);
        item.put("end-time", endTime);
        item.put("duration", duration);
        return item;
    }

    /** The notes that are there: tmt's {@code note} is a list of strings. */
    private static List<String> notes(String... notes) {
        List<String> there = new ArrayList<>();
        for (String note : notes) {
            if (note != null && !note.isBlank()) {
                there.add(note);
            }
        }
        return there;
    }

    /** tmt's outcome for a Drover (or atex) status. */
    static String outcome(String status) {
        return switch (status) {
            case "pass", "fail", "info", "warn", "error", "skip", "pending" -> status;
            case "running" -> "pending";
            default -> "error";
        };
    }

    /** Where the worker put the files: {@code <attempt>/files/[<result>/]<file>}; none without an attempt. */
    private static List<String> logs(String attemptDir, String resultDir, Set<String> files) {
        List<String> logs = new ArrayList<>();
        if (attemptDir != null) {
            String dir = attemptDir + "/files/" + (resultDir.isEmpty() ? "" : resultDir + "/");
            files.forEach(file -> logs.add(dir + ArtifactPaths.normalize(file)));
        }
        return logs;
    }

    private static Map<String, Object> fmfId(ExportRun run, ExportTest test) {
        Map<String, Object> id = new LinkedHashMap<>();
        if (run.tree() != null && GitUrls.isUrl(run.tree())) {
            id.put("url", run.tree());
        }
        if (run.ref() != null) {
            id.put("ref", run.ref());
        }
        id.put("name", test.test());
        return id;
    }

    private static String time(String iso) {
        return iso == null ? null : TIME.format(Instant.parse(iso));
    }

    /** Writes {@link #TIME_LIKE} strings double-quoted, as tmt's own example does, and the others as usual. */
    private static final class TimeQuotingRepresenter extends StandardRepresenter {
        TimeQuotingRepresenter() {
            super(YAML);
            RepresentToNode usual = representers.get(String.class);
            representers.put(String.class, text -> TIME_LIKE.matcher((String) text).matches()
                    ? representScalar(Tag.STR, (String) text, ScalarStyle.DOUBLE_QUOTED) : usual.representData(text));
        }
    }
}
