package io.drover.coordinator.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.result.FailureClass;
import io.drover.result.RunTally;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One test of a run with its final verdict and its final attempt.
 *
 * @param plan         the plan
 * @param test         the test
 * @param serial       its serial number in the plan
 * @param status       {@code pass fail error warn info skip infra}, or {@code pending}/{@code running} while it has
 *                     no verdict
 * @param failureClass null (passed, skipped, no verdict yet), or {@code test timeout sut-lost sut-setup worker-lost
 *                     protocol cancelled}
 * @param reason       one line saying what happened, or null
 * @param flaky        it passed on a retry after failing by itself
 * @param knownIssue   the known issue its failure matched, or null
 * @param attempt      the final attempt's number, 0 when none ran
 * @param durationMs   how long the final attempt took
 * @param sut          the SUT of the final attempt, or null
 * @param startedAt    when the final attempt started, ISO-8601 UTC, or null
 * @param finishedAt   when it ended, ISO-8601 UTC, or null
 * @param attemptDir   the final attempt's artifacts relative to the run's artifacts ({@code
 *                     plans/a/tests/b/attempt-1}, holding {@code results} and {@code files/}), or null
 * @param results      the final attempt's result lines as the test reported them (atex's format: {@code status},
 *                     {@code name}, {@code files}, {@code note}, custom keys), maybe none
 */
public record ExportTest(String plan, String test, int serial, String status, String failureClass, String reason,
                         boolean flaky, String knownIssue, int attempt, long durationMs, String sut,
                         String startedAt, String finishedAt, String attemptDir, List<ObjectNode> results) {
    public ExportTest {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(status, "status");
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** The named result lines: its sub-results. */
    public List<ObjectNode> subResults() {
        return results.stream().filter(result -> result.hasNonNull("name")).toList();
    }

    /** The files of its own (nameless) result lines, in order, each once. */
    public Set<String> ownFiles() {
        Set<String> files = new LinkedHashSet<>();
        results.stream().filter(result -> !result.hasNonNull("name"))
                .forEach(result -> result.path("files").forEach(file -> files.add(file.asText())));
        return files;
    }

    /** The note of the last of its own (nameless) result lines that has one, or null. */
    public String ownNote() {
        String note = null;
        for (ObjectNode result : results) {
            if (!result.hasNonNull("name") && result.path("note").isTextual()) {
                note = result.get("note").textValue();
            }
        }
        return note;
    }

    /** Whether it has a verdict (it is neither pending nor running). */
    public boolean hasVerdict() {
        return !status.equals("pending") && !status.equals("running");
    }

    /** How its verdict counts in the run's counts, the same rule the run uses; null without a verdict. */
    public RunTally.Kind kind() {
        return hasVerdict() ? RunTally.kind(status, failureClass == null ? null : FailureClass.of(failureClass)) : null;
    }

    /** {@code [known issue X] [flaky]}, the parts that apply, or "". */
    public String remarks() {
        String issue = knownIssue == null ? "" : "[known issue " + knownIssue + "]";
        String retried = flaky ? "[flaky]" : "";
        return (issue + " " + retried).strip();
    }

    /** The reason followed by the {@link #remarks()}, or "". */
    public String note() {
        return ((reason == null ? "" : reason) + " " + remarks()).strip();
    }

    /** The final attempt's duration as {@code HH:MM:SS} (hours as many digits as they need, at least two). */
    public String clockDuration() {
        long seconds = durationMs / 1000;
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
