package io.drover.event;

/**
 * The coordinator accepted a cancel: of the whole run (plan and test null) or of one test of a plan.
 * Waiting tests end {@code cancelled}; running ones are stopped by their workers, which read the same
 * request on {@code drover.control}. Its {@code seq} is 1 + the request's offset on the control topic, so
 * {@code (run, type, seq)} identifies it.
 *
 * @param plan   the plan of the cancelled test, or null for the whole run
 * @param test   the cancelled test, or null for the whole run
 * @param reason why, as the requester said
 */
public record RunCancelled(String run, long seq, String ts, String plan, String test, String reason)
        implements Event {
    public static final String TYPE = "run.cancelled";
}
