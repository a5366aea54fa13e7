package io.drover.worker.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Remembers the last non-blank line written to it (at most 500 bytes of it), however much is
 * written: a failing command's last words, for a one-line reason.
 */
final class LastLine extends OutputStream {
    private static final int MAX = 500;

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private String last = "";

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = current.toString(StandardCharsets.UTF_8).strip();
            if (!line.isEmpty()) {
                last = line;
            }
            current.reset();
        } else if (current.size() < MAX) {
            current.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** The last non-blank line, the unfinished one included; empty when there was none. */
    synchronized String line() {
        String pending = current.toString(StandardCharsets.UTF_8).strip();
        return pending.isEmpty() ? last : pending;
    }
}
