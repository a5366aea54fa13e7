package io.drover.embedded;

/**
 * The embedded broker did not start. The message is one line naming the port or the
 * directory; {@link #reason()} says which kind of problem it was, so that a command line
 * can pick its exit code.
 */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The client (or controller) port is taken by another process. */
        PORT_IN_USE,
        /** The data directory cannot be created, written, locked or read. */
        DATA_DIR,
        /** Anything else Kafka refused (the cause says what). */
        KAFKA
    }

    private final Reason reason;
    private final int port;

    BrokerStartException(Reason reason, String message, Throwable cause) {
        this(reason, -1, message, cause);
    }

    BrokerStartException(Reason reason, int port, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.port = port;
    }

    public Reason reason() {
        return reason;
    }

    /** The port in use ({@link Reason#PORT_IN_USE}), else -1. */
    public int port() {
        return port;
    }
}
