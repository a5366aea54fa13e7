package io.drover.coordinator.farm;

import io.drover.coordinator.schedule.TestVerdict;
import io.drover.event.RunCreated;

/** Which known issue, if any, a failed test's verdict matches; the verdict's status stands either way. */
@FunctionalInterface
public interface KnownIssues {
    KnownIssues NONE = (run, verdict) -> null;

    /** The issue (a link or an id) of the rule the failure matches, or null. */
    String issueFor(RunCreated run, TestVerdict verdict);
}
