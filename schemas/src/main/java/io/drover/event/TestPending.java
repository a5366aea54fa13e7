package io.drover.event;

/**
 * A test of a run is recorded before anything runs, so that it is never missing from the results.
 *
 * @param plan        the plan it belongs to
 * @param serial      its serial number in the plan, from 1
 * @param expectedMs  how long it is expected to take (recorded by earlier runs, else declared), in
 *                    milliseconds; it orders the plan's tests, longest first
 * @param destructive whether it leaves its SUT unusable for other tests
 */
public record TestPending(String run, String test, int attempt, long seq, String ts, String plan, int serial,
                          long expectedMs, boolean destructive) implements Event {
    public static final String TYPE = "test.pending";
}
