package io.drover.coordinator.policy;

import io.drover.event.IssueRule;
import io.drover.result.OutputTail;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of a known-issue rules file: a failure it matches is a known issue.
 *
 * @param source  where the rule is, {@code FILE:LINE}
 * @param test    matches the whole test name
 * @param output  searched in the tail of the test's output ({@link OutputTail#pattern}); null for any output
 * @param note    searched in the result's note or reason; null for any
 * @param context the run's context must have, for each dimension, one of these values; empty for any run
 * @param issue   the link or id users see
 * @param expires the last day the rule matches; null for never
 */
public record KnownIssueRule(String source, Pattern test, Pattern output, Pattern note,
                             Map<String, List<String>> context, String issue, LocalDate expires) {
    /** The statuses a rule can match: a pass, skip, info or infra outcome is never a known issue. */
    public static final Set<String> FAILURES = IssueRule.MATCHED_STATUSES;
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public KnownIssueRule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(issue, "issue");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /**
     * The rule a {@code run.created} carries; a bad regexp or date is an {@link IllegalArgumentException} naming
     * the rule's source.
     */
    public static KnownIssueRule of(IssueRule rule) {
        try {
            return new KnownIssueRule(rule.source(), Pattern.compile(rule.test()),
                    rule.output() == null ? null : OutputTail.pattern(rule.output()),
                    rule.note() == null ? null : Pattern.compile(rule.note()), rule.context(), rule.issue(),
                    rule.expires() == null ? null : LocalDate.parse(rule.expires(), DATE));
        } catch (PatternSyntaxException | DateTimeParseException e) {
            throw new IllegalArgumentException("the known-issue rule of " + rule.source() + " is bad: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The rule as a {@code run.created} carries it. */
    public IssueRule data() {
        return new IssueRule(source, test.pattern(), output == null ? null : output.pattern(),
                note == null ? null : note.pattern(), context, issue, expires == null ? null : DATE.format(expires));
    }

    /** Past its last day, a rule no longer matches. */
    public boolean expired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** Whether the rule, not expired, could mark a failure of this test in a run with this context. */
    public boolean appliesTo(String testName, Map<String, List<String>> runContext, LocalDate today) {
        return !expired(today) && test.matcher(testName).matches() && contextMatches(runContext);
    }

    /**
     * Whether this rule, not expired, matches the failure. {@code reason} may be null; {@code outputFound} says
     * whether an output pattern was found in the tail of the test's output (asked only when the rule has one).
     */
    public boolean matches(String testName, String status, String reason, Map<String, List<String>> runContext,
                           Predicate<String> outputFound, LocalDate today) {
        return FAILURES.contains(status)
                && appliesTo(testName, runContext, today)
                && (note == null || reason != null && note.matcher(reason).find())
                && (output == null || outputFound.test(output.pattern()));
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
