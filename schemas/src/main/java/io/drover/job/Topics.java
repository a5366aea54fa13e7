package io.drover.job;

/** The Kafka topics of a Drover farm and what their records are keyed by. */
public final class Topics {
    /** {@link Job}s, keyed by the SUT's id: a SUT's jobs stay on one partition, so on one worker. */
    public static final String JOBS = "drover.jobs";
    /** {@link io.drover.event.Event}s, keyed by run id (a worker's heartbeat by worker id). */
    public static final String EVENTS = "drover.events";
    /** {@link io.drover.event.OutputChunk}s, keyed by run id. */
    public static final String OUTPUT = "drover.output";
    /** {@link ControlRequest}s, keyed by run id; every worker and the coordinator read all of it. */
    public static final String CONTROL = "drover.control";

    private Topics() {
    }
}
