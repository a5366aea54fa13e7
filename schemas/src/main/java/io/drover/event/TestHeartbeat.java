package io.drover.event;

/**
 * A running attempt is alive.
 *
 * @param plan        the plan the test is in
 * @param outputBytes how much output it has written so far
 */
public record TestHeartbeat(String run, String test, int attempt, long seq, String ts, String plan,
                            long outputBytes)
        implements Event {
    public static final String TYPE = "test.heartbeat";
}
