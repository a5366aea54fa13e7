package io.drover.job;

import java.util.Objects;

/**
 * A request on {@code drover.control}: cancel a whole run (plan and test null) or one test of a plan.
 * The coordinator stops scheduling what it cancels; workers stop what of it they run.
 *
 * @param action {@code cancel}
 * @param run    the run
 * @param plan   the plan of the test to cancel, or null
 * @param test   the test to cancel, or null for the whole run
 * @param reason why, one line
 * @param ts     when it was asked
 */
public record ControlRequest(String action, String run, String plan, String test, String reason, String ts) {
    public static final String CANCEL = "cancel";

    public ControlRequest {
        Objects.requireNonNull(run, "run");
        if (!CANCEL.equals(action)) {
            throw new IllegalArgumentException("unknown control action '" + action + "', expected 'cancel'");
        }
        if ((plan == null) != (test == null)) {
            throw new IllegalArgumentException("a cancel names both a plan and a test, or neither");
        }
    }

    public boolean wholeRun() {
        return test == null;
    }
}
