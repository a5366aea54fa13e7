package io.drover.worker.runner;

import java.io.IOException;
import java.io.OutputStream;

/** Writes what it gets to two streams, one call at a time (stdout and stderr may share it); closes neither. */
final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        first.write(b, off, len);
        second.write(b, off, len);
    }
}
