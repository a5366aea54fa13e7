package io.drover.coordinator.schedule;

import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import java.util.Objects;

/**
 * How a job ended, as {@link RunSchedule#ended} takes it.
 *
 * <p>For a {@code test} job: the status of the test's result ({@code pass}, {@code fail}, {@code error},
 * {@code skip}, {@code infra}, ...), its failure class (null when it passed or was skipped) and a reason.
 * For {@code prepare}, {@code finish} and {@code release}: {@link #ok()} or {@link #failed}.
 *
 * @param status       the result's status
 * @param failureClass null for a pass (or a skip, or a phase that went well)
 * @param reason       one line saying what happened; empty when there is nothing to say
 */
public record JobOutcome(String status, FailureClass failureClass, String reason) {
    public JobOutcome {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    /** A test that passed, or a phase (prepare, finish, release) that went well. */
    public static JobOutcome ok() {
        return new JobOutcome("pass", null, "");
    }

    /** A test's outcome with an explicit status. */
    public static JobOutcome test(String status, FailureClass failureClass, String reason) {
        return new JobOutcome(status, failureClass, reason);
    }

    /**
     * A failure: status {@code fail} for {@link FailureClass#TEST}, {@code error} for
     * {@link FailureClass#TIMEOUT}, {@code infra} otherwise (as the worker reports them).
     */
    public static JobOutcome failed(FailureClass failureClass, String reason) {
        Objects.requireNonNull(failureClass, "failureClass");
        String status = switch (failureClass) {
            case TEST -> "fail";
            case TIMEOUT -> "error";
            default -> "infra";
        };
        return new JobOutcome(status, failureClass, reason);
    }

    /** What the worker reported for a test attempt. */
    public static JobOutcome of(TestOutcome outcome) {
        return new JobOutcome(outcome.status(), outcome.failureClass(), outcome.reason());
    }

    public boolean isOk() {
        return failureClass == null;
    }
}
