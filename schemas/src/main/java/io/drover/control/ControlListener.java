package io.drover.control;

import java.io.IOException;

/**
 * Receives what a {@link ControlStreamParser} reads, in stream order, on the thread that
 * feeds it. For a {@code result} the calls are {@code resultStarted}, then per
 * {@code files[]} entry {@code fileStarted}, zero or more {@code fileChunk}s and
 * {@code fileEnded}, then {@code resultEnded}; a stream that ends early stops that sequence
 * wherever it is. Every method does nothing by default, so a listener implements only
 * what it cares about. An exception thrown here propagates out of the parser's
 * {@code feed}.
 */
public interface ControlListener {
    default void resultStarted(ReportedResult result) throws IOException {
    }

    default void fileStarted(ReportedResult result, FileUpload file) throws IOException {
    }

    /** Bytes of the body of {@code file}; {@code buf} is the caller's buffer, valid only during the call. */
    default void fileChunk(ReportedResult result, FileUpload file, byte[] buf, int off, int len) throws IOException {
    }

    default void fileEnded(ReportedResult result, FileUpload file) throws IOException {
    }

    default void resultEnded(ReportedResult result) throws IOException {
    }

    default void exitCode(int code) throws IOException {
    }

    default void duration(DurationCommand command) throws IOException {
    }

    /** The test announced an intentional connection loss (a reboot). */
    default void disconnect() throws IOException {
    }

    default void noop() throws IOException {
    }
}
