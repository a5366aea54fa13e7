package io.drover.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Builds control streams the way a test on the SUT writes them. */
final class ControlStreams {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ControlStreams stream() {
        return new ControlStreams();
    }

    /** {@code result <N>\n}, the JSON, then the bodies back to back. */
    ControlStreams result(String json, String... bodies) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        raw("result " + bytes.length + "\n");
        out.writeBytes(bytes);
        for (String body : bodies) {
            raw(body);
        }
        return this;
    }

    ControlStreams line(String line) {
        return raw(line + "\n");
    }

    ControlStreams raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ControlStreams raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in pieces of {@code size} (0: all at once) and finishes the stream. */
    static void feedInChunks(ControlStreamParser parser, byte[] bytes, int size) throws IOException {
        int step = size == 0 ? Math.max(1, bytes.length) : size;
        for (int off = 0; off < bytes.length; off += step) {
            // a fresh copy per piece: the parser must not keep the caller's buffer
            byte[] piece = java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + step));
            parser.feed(piece, 0, piece.length);
        }
        parser.finish();
    }
}
