package io.drover.worker.sut;

import java.io.IOException;

/**
 * A SUT could not be reached or used. The message is one line and starts with the SUT
 * ({@code user@host:port} or {@code local}); {@link #failureClass()} says whether retrying can help.
 */
public final class SutException extends IOException {
    private final SutFailureClass failureClass;

    public SutException(SutFailureClass failureClass, String message) {
        this(failureClass, message, null);
    }

    public SutException(SutFailureClass failureClass, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.failureClass = failureClass;
    }

    public SutFailureClass failureClass() {
        return failureClass;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
