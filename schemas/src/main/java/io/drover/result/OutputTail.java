package io.drover.result;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last bytes of a test's output (64 KiB unless told otherwise): write the whole output through it and only
 * the tail is kept, so matching known-issue rules against output never holds a whole log. The rules' output
 * patterns are regexps in which {@code ^} and {@code $} match at every line ({@link #pattern}).
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

    /** An output pattern as rules mean it: a regexp searched in the tail, {@code ^} and {@code $} at lines. */
    public static Pattern pattern(String regexp) {
        return Pattern.compile(regexp, Pattern.MULTILINE);
    }

    /**
     * Writes output that starts at {@code offset} in the whole output: bytes this tail already has (output read
     * again from an earlier offset) are skipped.
     */
    public void writeAt(long offset, byte[] bytes, int from, int length) {
        long skip = Math.max(0, total - offset);
        if (skip < length) {
            write(bytes, from + (int) skip, length - (int) skip);
        }
    }

    /** The patterns ({@link #pattern}) found in the tail, in the order given. */
    public List<String> find(Collection<String> regexps) {
        if (regexps.isEmpty()) {
            return List.of();
        }
        String text = text();
        return regexps.stream().filter(regexp -> pattern(regexp).matcher(text).find()).toList();
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
