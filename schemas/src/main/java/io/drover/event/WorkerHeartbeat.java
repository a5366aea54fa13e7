package io.drover.event;

/**
 * A worker is alive; {@code run} is null.
 *
 * @param worker   the worker's id
 * @param capacity how many tests it takes at once
 * @param running  how many it runs now
 */
public record WorkerHeartbeat(String run, long seq, String ts, String worker, int capacity, int running)
        implements Event {
    public static final String TYPE = "worker.heartbeat";
}
