package io.drover.coordinator.schedule;

import io.drover.result.FailureClass;
import java.util.List;

/**
 * The final word on one test of a run.
 *
 * @param plan         the plan
 * @param test         the test
 * @param serial       its serial number in the plan
 * @param status       the final attempt's status; {@code infra} when it never ran
 * @param failureClass the final attempt's failure class (null when it passed or was skipped); when it never
 *                     ran: {@code sut-lost}/{@code sut-setup} (no SUT could take it) or {@code cancelled}
 * @param reason       the final attempt's reason, plus why it was not tried again when a retry was due;
 *                     when it never ran, why
 * @param flaky        it passed on a retry after failing by itself ({@code test} or {@code timeout})
 * @param notRun       no attempt ever ran (no SUT could take it, or it was cancelled before it started)
 * @param attempts     every attempt, first first
 */
public record TestVerdict(String plan, String test, int serial, String status, FailureClass failureClass,
                          String reason, boolean flaky, boolean notRun, List<Attempt> attempts) {
    public TestVerdict {
        attempts = List.copyOf(attempts);
    }

    /** The number of the final attempt, 0 when none ran. */
    public int lastAttempt() {
        return attempts.isEmpty() ? 0 : attempts.get(attempts.size() - 1).attempt();
    }

    public boolean passed() {
        return failureClass == null && !"skip".equals(status);
    }
}
