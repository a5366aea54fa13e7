package io.drover.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A known-issue rule as {@code run.created} carries it (docs/pools.md has the file it comes from): a failed test it
 * matches is marked with its issue, and its outcome stands. The regexps are Java's.
 *
 * @param source  where the rule was written, {@code FILE:LINE}
 * @param test    a regexp matching the whole test name
 * @param output  a regexp searched in the tail of the final attempt's output, {@code ^} and {@code $} at lines;
 *                null for any output
 * @param note    a regexp searched in the verdict's reason; null for any
 * @param context for each dimension, values of which the run's context must have one; empty for any run
 * @param issue   the link or id users see
 * @param expires the last day the rule matches, {@code YYYY-MM-DD}; null for never
 */
public record IssueRule(String source, String test, String output, String note, Map<String, List<String>> context,
                        String issue, String expires) {
    /** The statuses a rule can match: a pass, skip, info or infra outcome is never a known issue. */
    public static final Set<String> MATCHED_STATUSES = Set.of("fail", "error", "warn");

    public IssueRule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(issue, "issue");
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
