package io.drover.coordinator.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last bytes of a test's output (64 KiB unless told otherwise): write the whole output through it and only
 * the tail is kept, so matching rules against output never holds a whole log.
 */
public final class OutputTail extends OutputStream {
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private final byte[] ring;
    private long total;

    public OutputTail() {
        this(DEFAULT_CAPACITY);
    }

    public OutputTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, not " + capacity);
        }
        ring = new byte[capacity];
    }

    /** The tail of some text, mostly for tests. */
    public static OutputTail of(String text) {
        OutputTail tail = new OutputTail();
        tail.write(text.getBytes(StandardCharsets.UTF_8));
        return tail;
    }

    /** The tail of a file (a test's {@code output.txt}), reading only its last {@value #DEFAULT_CAPACITY} bytes. */
    public static OutputTail ofFile(Path file) throws IOException {
        OutputTail tail = new OutputTail();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            long start = Math.max(0, size - tail.ring.length);
            channel.position(start);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read until full or the end of the file
            }
            tail.total = start;
            tail.write(buffer.array(), 0, buffer.position());
        }
        return tail;
    }

    @Override
    public void write(int b) {
        ring[(int) (total % ring.length)] = (byte) b;
        total++;
    }

    @Override
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length > ring.length) {
            offset += length - ring.length;
            total += length - ring.length;
            length = ring.length;
        }
        int at = (int) (total % ring.length);
        int first = Math.min(length, ring.length - at);
        System.arraycopy(bytes, offset, ring, at, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        total += length;
    }

    /** How many bytes were written in all. */
    public long total() {
        return total;
    }

    /** Whether older output was dropped. */
    public boolean truncated() {
        return total > ring.length;
    }

    /** The kept bytes as UTF-8 text; a character cut in two at the start is dropped, bad bytes become U+FFFD. */
    public String text() {
        int size = (int) Math.min(total, ring.length);
        byte[] bytes = new byte[size];
        int start = (int) ((total - size) % ring.length);
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, bytes, 0, first);
        System.arraycopy(ring, 0, bytes, first, size - first);
        int skip = 0;
        if (truncated()) {
            while (skip < Math.min(3, size) && (bytes[skip] & 0xC0) == 0x80) {
                skip++;
            }
        }
        return new String(bytes, skip, size - skip, StandardCharsets.UTF_8);
    }
}
