package io.drover.worker.sut;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes written to it and counts the rest. */
public final class BoundedCapture extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private long dropped;

    public BoundedCapture(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int keep = Math.max(0, Math.min(len, limit - kept.size()));
        kept.write(b, off, keep);
        dropped += len - keep;
    }

    public synchronized boolean truncated() {
        return dropped > 0;
    }

    public synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
