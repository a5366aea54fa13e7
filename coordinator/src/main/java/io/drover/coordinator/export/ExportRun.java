package io.drover.coordinator.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run as exports show it.
 *
 * @param run            the run's id
 * @param createdAt      when it was created, ISO-8601 UTC
 * @param finishedAt     when it finished, ISO-8601 UTC; null while it runs
 * @param tree           the fmf tree: a path or a git URL
 * @param ref            the git ref, or null
 * @param context        the fmf context, dimension to values, in the order given
 * @param tests          how many tests the run has
 * @param passed         the verdict counts so far (0 while no test has one); the tests without a verdict
 *                       (pending, running) are {@code tests} minus their sum
 * @param failed         see {@code passed}
 * @param errored        see {@code passed}
 * @param skipped        see {@code passed}
 * @param infrastructure see {@code passed}
 */
public record ExportRun(String run, String createdAt, String finishedAt, String tree, String ref,
                        Map<String, List<String>> context, int tests, int passed, int failed, int errored,
                        int skipped, int infrastructure) {
    public ExportRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(createdAt, "createdAt");
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** The tests that have no verdict yet. */
    public int unfinished() {
        return tests - passed - failed - errored - skipped - infrastructure;
    }
}
