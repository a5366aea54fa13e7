package io.drover.coordinator.farm;

import io.drover.coordinator.policy.KnownIssue;
import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.coordinator.policy.OutputTail;
import io.drover.coordinator.schedule.TestVerdict;
import io.drover.event.RunCreated;
import java.time.LocalDate;

/**
 * Known issues from a rules file: a failed verdict is matched on its test name, status, reason, the run's
 * context and, where {@code outputs} can give it, the tail of the final attempt's output.
 */
public final class RuleKnownIssues implements KnownIssues {
    /** The tail of an attempt's output, or null when it is not at hand. */
    @FunctionalInterface
    public interface Outputs {
        OutputTail tail(String run, String plan, String test, int attempt);
    }

    private final KnownIssueRules rules;
    private final Outputs outputs;

    public RuleKnownIssues(KnownIssueRules rules, Outputs outputs) {
        this.rules = rules;
        this.outputs = outputs == null ? (run, plan, test, attempt) -> null : outputs;
    }

    @Override
    public String issueFor(RunCreated run, TestVerdict verdict) {
        int attempt = verdict.lastAttempt();
        OutputTail output = attempt == 0 ? null : outputs.tail(run.run(), verdict.plan(), verdict.test(), attempt);
        return rules.match(verdict.test(), verdict.status(), verdict.reason(), run.context(), output, LocalDate.now())
                .map(KnownIssue::issue).orElse(null);
    }
}
