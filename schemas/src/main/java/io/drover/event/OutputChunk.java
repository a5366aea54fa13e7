package io.drover.event;

import java.util.Objects;

/**
 * A piece of a test attempt's output on {@code drover.output}, keyed by run: {@code data} belongs
 * at byte {@code offset} of the attempt's {@code file}. A chunk read again after a worker was lost
 * has the same offset and bytes, so a writer that puts bytes at their offset loses and duplicates
 * nothing. Written and read with {@link EventCodec} (the bytes in base64).
 *
 * @param plan    the plan
 * @param test    the test
 * @param serial  the test's serial number in the plan
 * @param attempt the attempt
 * @param file    the file it belongs to, relative to the attempt's directory, e.g. {@code files/output.txt}
 * @param offset  where in that file {@code data} starts
 * @param data    the bytes
 */
public record OutputChunk(String run, String plan, String test, int serial, int attempt, String file, long offset,
                          byte[] data) {
    public OutputChunk {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
    }
}
