package io.drover.job;

import java.util.Objects;

/**
 * The names of one farm's topics and consumer groups, under a namespace ({@code drover} by default:
 * {@code drover.jobs}, {@code drover.events}, {@code drover.output}, {@code drover.control}), so that
 * several farms, or tests, share a Kafka cluster without seeing each other's records.
 *
 * @param namespace letters, digits, '-' and '_'
 */
public record FarmTopics(String namespace) {
    public static final FarmTopics DEFAULT = new FarmTopics("drover");
    /**
     * The record header of a job published again (by a coordinator that replayed the log): it may have run
     * already, so the worker looks on the SUT before running it.
     */
    public static final String RESENT_HEADER = "drover-resent";

    public FarmTopics {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("farm namespace '" + namespace
                    + "': use 1 to 100 letters, digits, '-' and '_'");
        }
    }

    /** {@link Job}s, keyed by the SUT's id: a SUT's jobs stay on one partition, so on one worker. */
    public String jobs() {
        return namespace + ".jobs";
    }

    /** Events, keyed by run id (a worker's heartbeat by worker id). */
    public String events() {
        return namespace + ".events";
    }

    /** Output chunks, keyed by run id. */
    public String output() {
        return namespace + ".output";
    }

    /** {@link ControlRequest}s, keyed by run id; every worker and the coordinator read all of it. */
    public String control() {
        return namespace + ".control";
    }

    /** The workers' consumer group on {@link #jobs()}. */
    public String workersGroup() {
        return namespace + "-workers";
    }

    /** The result store's consumer group on {@link #events()} and {@link #output()}. */
    public String storeGroup() {
        return namespace + "-store";
    }

    /** Where the coordinator keeps its position on {@link #control()}. */
    public String coordinatorGroup() {
        return namespace + "-coordinator";
    }
}
