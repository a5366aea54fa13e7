package io.drover.coordinator.farm;

/** The farm cannot go on: Kafka unreachable, a topic that cannot be made; the message is one line. */
public final class FarmException extends RuntimeException {
    public FarmException(String message, Throwable cause) {
        super(message, cause);
    }

    public FarmException(String message) {
        super(message);
    }
}
