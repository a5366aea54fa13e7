package io.drover.worker.farm;

import io.drover.event.Event;
import io.drover.event.OutputChunk;

/**
 * Where a worker's events and output go: {@code drover.events} and {@code drover.output} in a farm
 * ({@link KafkaEventSink}). Called from many threads; must not block for long.
 */
public interface EventSink {
    /** An event, keyed by its run (a worker's heartbeat by the worker). */
    void event(Event event);

    /** A piece of a test's output, keyed by its run. */
    void output(OutputChunk chunk);
}
