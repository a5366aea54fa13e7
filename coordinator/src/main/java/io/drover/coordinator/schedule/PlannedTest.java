package io.drover.coordinator.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * One test of a run, as the split step found it.
 *
 * @param plan        the plan's name
 * @param test        the test's name in the plan (a plan may list a test twice: {@code serial} tells them apart)
 * @param serial      the test's serial number in the plan, 1 and up, unique in the plan
 * @param expected    how long it is expected to take: the duration recorded by earlier runs, else the
 *                    declared one; used only to order a plan's tests (longest first). Null means zero.
 * @param destructive whether the test leaves its SUT unusable for anything else (the SUT is released
 *                    after it and not reused in the run)
 */
public record PlannedTest(String plan, String test, int serial, Duration expected, boolean destructive) {
    public PlannedTest {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(test, "test");
        if (serial < 1) {
            throw new IllegalArgumentException("test " + test + " of plan " + plan + ": serial number " + serial
                    + " is not 1 or more");
        }
        expected = expected == null ? Duration.ZERO : expected;
        if (expected.isNegative()) {
            throw new IllegalArgumentException("test " + test + " of plan " + plan + ": negative expected duration "
                    + expected);
        }
    }

    /** A non-destructive test. */
    public static PlannedTest of(String plan, String test, int serial, Duration expected) {
        return new PlannedTest(plan, test, serial, expected, false);
    }
}
