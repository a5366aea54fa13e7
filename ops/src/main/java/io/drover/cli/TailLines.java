package io.drover.cli;

import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.OutputChunk;
import io.drover.event.RunCancelled;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.SutState;
import io.drover.event.TestFinished;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import io.drover.coordinator.farm.RunTail;
import io.drover.result.ArtifactLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run as {@code drover tail} shows it: one line per event worth reading (time, what happened) and the tests'
 * output line by line, each line after its test's name. Only the tests whose name {@code tests} finds, when given.
 * An output line is held until it ends (at most 64 KiB), so lines of tests running at once do not mix.
 */
final class TailLines implements RunTail.Listener {
    private static final int LONGEST_LINE = 64 * 1024;

    private final PrintWriter out;
    private final Pattern tests;
    private final Map<String, ByteArrayOutputStream> partial = new HashMap<>();

    TailLines(PrintWriter out, Pattern tests) {
        this.out = out;
        this.tests = tests;
    }

    private boolean shown(String test) {
        return tests == null || test != null && tests.matcher(test).find();
    }

    @Override
    public void event(Event event, String written, long offset) {
        String line = describe(event);
        if (line != null) {
            out.println(event.ts().substring(Math.min(11, event.ts().length())).replace("Z", "") + "  " + line);
            out.flush();
        }
    }

    private String describe(Event event) {
        if (event instanceof RunCreated e) {
            return "run " + e.run() + ": " + e.tests() + " tests in " + e.plans().size() + " plans on "
                    + e.suts().size() + " SUTs, " + e.tree();
        } else if (event instanceof TestStarted e && shown(e.test())) {
            return e.test() + " (" + e.plan() + ") attempt " + e.attempt() + " started on " + e.sut();
        } else if (event instanceof TestResult e && shown(e.test())) {
            return e.test() + ": result " + e.result().path("status").asText("?")
                    + (e.result().hasNonNull("name") ? " " + e.result().get("name").asText() : "");
        } else if (event instanceof TestFinished e && shown(e.test())) {
            flush(e.plan(), e.test(), e.attempt());
            return e.test() + " attempt " + e.attempt() + " ended: " + e.status() + (e.reason() == null
                    || e.reason().isEmpty() ? "" : " (" + e.reason() + ")");
        } else if (event instanceof TestVerdict e && shown(e.test())) {
            return e.test() + ": " + e.status().toUpperCase(java.util.Locale.ROOT)
                    + (e.failureClass() == null ? "" : " " + e.failureClass())
                    + (e.knownIssue() == null ? "" : " [known issue " + e.knownIssue() + "]")
                    + (e.flaky() ? " [flaky]" : "");
        } else if (event instanceof JobFinished e && !"test".equals(e.kind()) && tests == null) {
            return e.kind() + (e.plan() == null ? "" : " of " + e.plan()) + " on " + e.sut() + ": " + e.status()
                    + (e.reason() == null || e.reason().isEmpty() ? "" : " (" + e.reason() + ")");
        } else if (event instanceof SutState e && tests == null) {
            return "SUT " + e.sut() + " " + e.state() + (e.reason() == null ? "" : " (" + e.reason() + ")");
        } else if (event instanceof RunCancelled e) {
            return (e.test() == null ? "run" : e.test()) + " cancelled: " + e.reason();
        } else if (event instanceof RunFinished e) {
            return "run finished: " + e.passed() + " passed, " + e.failed() + " failed, " + e.errored()
                    + " errored, " + e.skipped() + " skipped, " + e.infrastructure() + " infrastructure; exit code "
                    + e.exitCode();
        }
        return null;
    }

    @Override
    public void output(OutputChunk chunk) {
        // the test's output, not the files it uploaded or its results
        if (!shown(chunk.test()) || !chunk.file().equals(ArtifactLayout.OUTPUT)) {
            return;
        }
        String key = key(chunk.plan(), chunk.test(), chunk.attempt());
        ByteArrayOutputStream line = partial.computeIfAbsent(key, k -> new ByteArrayOutputStream());
        for (byte b : chunk.data()) {
            if (b == '\n' || line.size() >= LONGEST_LINE) {
                print(chunk.test(), line);
                if (b == '\n') {
                    continue;
                }
            }
            line.write(b);
        }
        out.flush();
    }

    /** Prints what is left of every attempt's last line. */
    void finish() {
        partial.forEach((key, line) -> {
            if (line.size() > 0) {
                print(key.split("\0")[1], line);
            }
        });
        partial.clear();
        out.flush();
    }

    /** Prints what is left of an attempt's last line. */
    private void flush(String plan, String test, int attempt) {
        ByteArrayOutputStream line = partial.remove(key(plan, test, attempt));
        if (line != null && line.size() > 0) {
            print(test, line);
        }
    }

    private void print(String test, ByteArrayOutputStream line) {
        out.println(test + " | " + line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    private static String key(String plan, String test, int attempt) {
        return plan + '\0' + test + '\0' + attempt;
    }
}
