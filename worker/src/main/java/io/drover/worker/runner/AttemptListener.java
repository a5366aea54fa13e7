package io.drover.worker.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a {@link TestExecution} tells as it goes, e.g. to publish it as events. Called from the
 * execution's threads, one call at a time per execution; must not block.
 */
public interface AttemptListener {
    AttemptListener NONE = new AttemptListener() { };

    /** The test started on the SUT (its first segment). */
    default void started() {
    }

    /** A line was written to the attempt's {@code results}; do not modify it. */
    default void result(ObjectNode line) {
    }

    /** Bytes of the test's output, at {@code offset} in it; {@code buf} is valid only during the call. */
    default void output(long offset, byte[] buf, int off, int len) {
    }
}
