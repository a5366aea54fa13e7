package io.drover.coordinator.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One rule of a known-issue rules file: a failure it matches is a known issue.
 *
 * @param source  where the rule is, {@code FILE:LINE}
 * @param test    matches the whole test name
 * @param output  searched in the tail of the test's output (lines are lines for {@code ^} and {@code $}); null
 *                for any output
 * @param note    searched in the result's note or reason; null for any
 * @param context the run's context must have, for each dimension, one of these values; empty for any run
 * @param issue   the link or id users see
 * @param expires the last day the rule matches; null for never
 */
public record KnownIssueRule(String source, Pattern test, Pattern output, Pattern note,
                             Map<String, List<String>> context, String issue, LocalDate expires) {
    /** The statuses a rule can match: a pass, skip, info or infra outcome is never a known issue. */
    public static final Set<String> FAILURES = Set.of("fail", "error", "warn");

    public KnownIssueRule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(issue, "issue");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** Past its last day, a rule no longer matches. */
    public boolean expired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /**
     * Whether this rule, not expired, matches the failure. {@code reason} may be null; {@code outputText} gives
     * the tail of the output as text, or null when there is none (asked only when the rule has {@code output}).
     */
    public boolean matches(String testName, String status, String reason, Map<String, List<String>> runContext,
                           Supplier<String> outputText, LocalDate today) {
        return FAILURES.contains(status)
                && !expired(today)
                && test.matcher(testName).matches()
                && contextMatches(runContext)
                && (note == null || reason != null && note.matcher(reason).find())
                && (output == null || outputMatches(outputText.get()));
    }

    private boolean outputMatches(String text) {
        return text != null && output.matcher(text).find();
    }

    private boolean contextMatches(Map<String, List<String>> runContext) {
        for (Map.Entry<String, List<String>> wanted : context.entrySet()) {
            List<String> values = runContext == null ? null : runContext.get(wanted.getKey());
            if (values == null || values.stream().noneMatch(wanted.getValue()::contains)) {
                return false;
            }
        }
        return true;
    }
}
