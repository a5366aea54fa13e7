package io.drover.event;

/**
 * A running attempt is alive.
 *
 * @param outputBytes how much output it has written so far
 */
public record TestHeartbeat(String run, String test, int attempt, long seq, String ts, long outputBytes)
        implements Event {
    public static final String TYPE = "test.heartbeat";
}
