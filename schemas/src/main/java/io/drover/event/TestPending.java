package io.drover.event;

/**
 * A test of a run is recorded before anything runs, so that it is never missing from the results.
 *
 * @param plan   the plan it belongs to
 * @param serial its serial number in the plan, from 1
 */
public record TestPending(String run, String test, int attempt, long seq, String ts, String plan, int serial)
        implements Event {
    public static final String TYPE = "test.pending";
}
