package io.drover.event;

/**
 * An attempt of a test started on a SUT.
 *
 * @param plan   the plan it belongs to
 * @param sut    the SUT's id in the pool
 * @param worker the worker running it
 */
public record TestStarted(String run, String test, int attempt, long seq, String ts, String plan, String sut,
                          String worker) implements Event {
    public static final String TYPE = "test.started";
}
