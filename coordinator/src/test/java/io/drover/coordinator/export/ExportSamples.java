package io.drover.coordinator.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A realistic finished run, and a generator of large ones, for the export tests. */
final class ExportSamples {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A reason with a control character (BEL), XML's specials and a terminal escape. */
    static final String ODD_REASON = "status error, exit code 2: bad byte \u0007 in <input> & \u001b[31mred";

    private ExportSamples() {
    }

    static ExportRun run() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("distro", List.of("rhel-9.8"));
        context.put("arch", List.of("x86_64"));
        return new ExportRun("r-0042", "2026-11-22T08:00:00Z", "2026-11-22T08:20:05.250Z",
                "https://git.example.com/qe/tests.git", "main", context, 9, 3, 1, 2, 1, 1);
    }

    /** Three passes (one flaky, one info), a failure with a known issue and sub-results, two errors (one with an odd
     * reason, one timeout), an infra error (sut-lost), a skip and a pending test: 9 tests, as {@link #run()}. */
    static List<ExportTest> tests() {
        List<ExportTest> tests = new ArrayList<>();
        tests.add(ran("/plans/smoke", "/tests/login", 1, "pass", null, "status pass, exit code 0", false, null, 1,
                12_345, results("{\"status\": \"pass\", \"files\": [\"output.txt\"]}")));
        tests.add(ran("/plans/smoke", "/tests/upload", 2, "fail", "test", "status fail, exit code 1", false,
                "RHEL-1234", 1, 62_000, results(
                        "{\"status\": \"fail\", \"name\": \"upload/big\", \"files\": [\"big.log\"],"
                                + " \"note\": \"checksum differs\"}",
                        "{\"status\": \"pass\", \"name\": \"upload/small\"}",
                        "{\"status\": \"fail\", \"files\": [\"output.txt\", \"dmesg.txt\"]}")));
        tests.add(ran("/plans/smoke", "/tests/network", 3, "pass", null, "status pass, exit code 0", true, null, 2,
                3_000, results("{\"status\": \"pass\", \"files\": [\"output.txt\"]}")));
        tests.add(ran("/plans/smoke", "/tests/docs", 4, "info", null, "status info, exit code 0", false, null, 1,
                500, results()));
        tests.add(ran("/plans/full", "/tests/parser", 1, "error", "test", ODD_REASON, false, null, 1, 4_000,
                results("{\"status\": \"error\", \"files\": [\"output.txt\"]}")));
        tests.add(ran("/plans/full", "/tests/slow", 2, "error", "timeout", "timeout: duration 5m exceeded", false,
                null, 1, 300_000, results("{\"status\": \"infra\", \"note\": \"TestAbortedError(timeout)\","
                        + " \"files\": [\"output.txt\"]}")));
        tests.add(ran("/plans/full", "/tests/reboot", 3, "infra", "sut-lost",
                "sut-lost: connection lost to host 10.0.0.5", false, null, 2, 90_000, results(
                        "{\"status\": \"infra\", \"note\": \"sut-lost: connection lost to host 10.0.0.5\","
                                + " \"files\": [\"output.txt\"]}")));
        tests.add(ran("/plans/full", "/tests/optional", 4, "skip", null, "status skip, exit code 0", false, null, 1,
                100, results()));
        tests.add(new ExportTest("/plans/full", "/tests/later", 5, "pending", null, null, false, null, 0, 0, null,
                null, null, null, List.of()));
        return tests;
    }

    private static ExportTest ran(String plan, String test, int serial, String status, String failureClass,
                                  String reason, boolean flaky, String knownIssue, int attempt, long durationMs,
                                  List<ObjectNode> results) {
        String dir = plan.substring(1) + test + "/attempt-" + attempt;
        return new ExportTest(plan, test, serial, status, failureClass, reason, flaky, knownIssue, attempt,
                durationMs, "sut-" + serial, "2026-11-22T08:01:00.123456Z", "2026-11-22T08:02:00Z", dir, results);
    }

    static List<ObjectNode> results(String... lines) {
        List<ObjectNode> results = new ArrayList<>();
        for (String line : lines) {
            try {
                results.add((ObjectNode) JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(line, e);
            }
        }
        return results;
    }

    static String export(String format, ExportRun run, List<ExportTest> tests) {
        StringWriter out = new StringWriter();
        try {
            ResultsFormats.of(format).write(run, tests.iterator(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String export(String format) {
        return export(format, run(), tests());
    }

    /** The sample run exported as {@code format}, each line read as JSON. */
    static List<JsonNode> exportedJsonLines(String format) throws JsonProcessingException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export(format).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** {@code count} tests made one at a time as they are asked for, never held: every tenth fails. */
    static Iterator<ExportTest> generated(int count) {
        List<ObjectNode> results = results("{\"status\": \"pass\", \"name\": \"sub\", \"files\": [\"a.log\"]}",
                "{\"status\": \"pass\", \"files\": [\"output.txt\"]}");
        return new Iterator<>() {
            private int made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public ExportTest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                made++;
                boolean failed = made % 10 == 0;
                return ran("/plans/p" + made % 7, "/tests/t" + made, made, failed ? "fail" : "pass",
                        failed ? "test" : null, failed ? "status fail, exit code 1" : "status pass, exit code 0",
                        false, null, 1, made, results);
            }
        };
    }

    /** A writer that keeps nothing: it counts characters and lines. */
    static final class CountingSink extends Writer {
        long chars;
        long lines;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
            for (int i = offset; i < offset + length; i++) {
                lines += buffer[i] == '\n' ? 1 : 0;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
