package io.drover.coordinator.policy;

import io.drover.event.IssueRule;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known-issue rules of a run, in order: the first rule that matches a failure names its issue. Matching never
 * changes the test's outcome; it only says which known issue the failure is. A rule with an output pattern needs the
 * test's output, which only the worker that ran it has: the coordinator sends the patterns that could apply with the
 * test's job ({@link #outputPatterns}) and matches the verdict with those the worker found ({@link #match}).
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

    /** The rules a {@code run.created} carries; see {@link KnownIssueRule#of} for bad ones. */
    public static KnownIssueRules of(List<IssueRule> rules) {
        return rules.isEmpty() ? NONE : new KnownIssueRules(rules.stream().map(KnownIssueRule::of).toList());
    }

    public List<KnownIssueRule> rules() {
        return rules;
    }

    /** The rules as a {@code run.created} carries them. */
    public List<IssueRule> data() {
        return rules.stream().map(KnownIssueRule::data).toList();
    }

    /** These rules, then {@code more}. */
    public KnownIssueRules then(KnownIssueRules more) {
        if (more.rules.isEmpty()) {
            return this;
        }
        List<KnownIssueRule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new KnownIssueRules(all);
    }

    /** The output patterns of the rules that could mark a failure of this test, each once, in the rules' order. */
    public List<String> outputPatterns(String test, Map<String, List<String>> context, LocalDate today) {
        return rules.stream()
                .filter(rule -> rule.output() != null && rule.appliesTo(test, context, today))
                .map(rule -> rule.output().pattern())
                .distinct()
                .toList();
    }

    /**
     * The known issue of the first rule that matches this failure, if any: the status is {@code fail},
     * {@code error} or {@code warn}, the rule has not expired, its test, context and note match, and its output
     * pattern, if it has one, is among {@code outputFound} (the patterns found in the tail of the final attempt's
     * output). {@code reason} may be null.
     */
    public Optional<KnownIssue> match(String test, String status, String reason, Map<String, List<String>> context,
                                      Collection<String> outputFound, LocalDate today) {
        if (!KnownIssueRule.FAILURES.contains(status)) {
            return Optional.empty();
        }
        return rules.stream()
                .filter(rule -> rule.matches(test, status, reason, context, outputFound::contains, today))
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
