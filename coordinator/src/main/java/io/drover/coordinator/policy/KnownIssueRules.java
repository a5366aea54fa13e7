package io.drover.coordinator.policy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The known-issue rules of a run, in the file's order: the first rule that matches a failure names its issue.
 * Matching never changes the test's outcome; it only says which known issue the failure is.
 */
public final class KnownIssueRules {
    public static final KnownIssueRules NONE = new KnownIssueRules(List.of());

    private final List<KnownIssueRule> rules;

    public KnownIssueRules(List<KnownIssueRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Reads a rules file (docs/pools.md); an unreadable file is an UncheckedIOException. */
    public static KnownIssueRules read(Path file) {
        return new KnownIssueRulesFile(file.toString()).read(file);
    }

    /** Parses a rules file's text; {@code name} stands for the file in messages. */
    public static KnownIssueRules parse(String text, String name) {
        return new KnownIssueRulesFile(name).parse(text);
    }

    public List<KnownIssueRule> rules() {
        return rules;
    }

    /**
     * The known issue of the first rule that matches this failure, if any: the status is {@code fail},
     * {@code error} or {@code warn}, the rule has not expired, and its test, context, note and output patterns
     * all match. {@code reason} and {@code output} may be null (no reason, no output kept).
     */
    public Optional<KnownIssue> match(String test, String status, String reason, Map<String, List<String>> context,
                                      OutputTail output, LocalDate today) {
        if (!KnownIssueRule.FAILURES.contains(status)) {
            return Optional.empty();
        }
        Supplier<String> outputText = new Supplier<>() {
            private String text;

            @Override
            public String get() {
                // decode the tail once, and only when a rule asks for it
                if (text == null && output != null) {
                    text = output.text();
                }
                return text;
            }
        };
        return rules.stream()
                .filter(rule -> rule.matches(test, status, reason, context, outputText, today))
                .findFirst()
                .map(rule -> new KnownIssue(rule.issue(), rule.source()));
    }

    /** The rules past their last day, which no longer match. */
    public List<KnownIssueRule> expired(LocalDate today) {
        return rules.stream().filter(rule -> rule.expired(today)).toList();
    }

    /** One line per expired rule, to warn the user that it no longer matches. */
    public List<String> expiredWarnings(LocalDate today) {
        return expired(today).stream()
                .map(rule -> rule.source() + ": the rule for " + rule.issue() + " expired on " + rule.expires()
                        + " and no longer matches")
                .toList();
    }
}
