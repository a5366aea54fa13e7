package io.drover.control;

import static io.drover.control.ControlStreams.feedInChunks;
import static io.drover.control.ControlStreams.stream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the bytes arrive never changes what is reported, and bodies are never buffered whole. */
class StreamingTest {
    private static final byte[] MIXED = mixedStream();

    private static byte[] mixedStream() {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        return stream()
                .line("duration save")
                .raw(ControlStreamParserTest.TWO_RESULTS)
                .line("duration restore")
                .result("{\"status\": \"error\", \"partial\": true, \"files\": [{\"name\": \"log\", \"length\": 6}]}", "early\n")
                .result("{\n \"name\": \"sub/res/ult\",\n \"status\": \"fail\",\n \"note\": \"caf\u00e9\",\n"
                        + " \"files\": [{\"name\": \"bin\", \"length\": 300}, {\"name\": \"empty\", \"length\": 0}]\n}")
                .raw(binary)
                .line("noop")
                .result("{\"status\": \"pass\", \"testout\": \"output.txt\", \"files\": [{\"name\": \"log\", \"length\": 5}]}", "late\n")
                .line("exitcode 0")
                .line("disconnect")
                .bytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 0})
    void theParserReportsTheSameWhateverTheChunkSize(int chunk) throws IOException {
        RecordingListener all = new RecordingListener();
        feedInChunks(new ControlStreamParser(all), MIXED, 0);
        RecordingListener chunked = new RecordingListener();
        feedInChunks(new ControlStreamParser(chunked), MIXED, chunk);
        assertThat(chunked.events).isEqualTo(all.events).hasSize(27);
    }

    @Test
    void anInputStreamGivesTheSameAsFeedingArrays() throws IOException {
        RecordingListener all = new RecordingListener();
        feedInChunks(new ControlStreamParser(all), MIXED, 0);
        RecordingListener streamed = new RecordingListener();
        ControlStreamParser parser = new ControlStreamParser(streamed);
        parser.feed(new ByteArrayInputStream(MIXED));
        parser.finish();
        assertThat(streamed.events).isEqualTo(all.events);
    }

    @Test
    void theArtifactsAreByteIdenticalWhateverTheChunkSize(@TempDir Path dir) throws IOException {
        Map<String, byte[]> expected = null;
        for (int chunk : new int[] {0, 1, 7}) {
            Path artifacts = Files.createDirectory(dir.resolve("chunk" + chunk));
            ResultReporter reporter = new ResultReporter(artifacts);
            Files.writeString(reporter.testOutputFile(), "the test output\n");
            feedInChunks(new ControlStreamParser(reporter), MIXED, chunk);
            reporter.finish(0, null);
            Map<String, byte[]> got = contents(artifacts);
            if (expected == null) {
                expected = got;
                assertThat(new String(got.get("results"), StandardCharsets.US_ASCII)).isEqualTo(
                        "{\"status\": \"pass\", \"name\": \"some/test\", \"files\": [\"A\", \"B\"]}\n"
                        + "{\"status\": \"pass\", \"name\": \"another/test\"}\n"
                        + "{\"name\": \"sub/res/ult\", \"status\": \"fail\", \"note\": \"caf\\u00e9\", \"files\": [\"bin\", \"empty\"]}\n"
                        + "{\"status\": \"pass\", \"files\": [\"output.txt\", \"log\"]}\n");
                assertThat(got.keySet()).containsExactly("files/log", "files/output.txt", "files/some/test/A",
                        "files/some/test/B", "files/sub/res/ult/bin", "files/sub/res/ult/empty", "results");
                assertThat(got.get("files/log")).asString().isEqualTo("early\nlate\n");
                assertThat(got.get("files/output.txt")).asString().isEqualTo("the test output\n");
                assertThat(got.get("files/sub/res/ult/bin")).hasSize(300);
            } else {
                assertThat(got).containsOnlyKeys(expected.keySet());
                for (Map.Entry<String, byte[]> file : expected.entrySet()) {
                    assertThat(got.get(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
                }
            }
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> regular = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : regular) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void aFiftyMegabyteBodyPassesThroughInSmallChunks() throws IOException {
        long size = 50L * 1024 * 1024;
        String json = "{\"status\": \"pass\", \"files\": [{\"name\": \"big\", \"length\": " + size + "}]}";
        byte[] head = ("result " + json.length() + "\n" + json).getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "exitcode 0\n".getBytes(StandardCharsets.US_ASCII);
        BodyCounter counter = new BodyCounter();
        ControlStreamParser parser = new ControlStreamParser(counter);
        counter.parser = parser;
        long total = parser.feed(new GeneratedStream(head, size, tail));
        parser.finish();

        assertThat(total).isEqualTo(head.length + size + tail.length);
        assertThat(parser.offset()).isEqualTo(total);
        assertThat(counter.bytes).isEqualTo(size);
        assertThat(counter.checksum).isEqualTo(GeneratedStream.checksum(size));
        assertThat(counter.chunks).isGreaterThan(size / (16 * 1024) - 1);
        assertThat(counter.largestChunk).isLessThanOrEqualTo(16 * 1024); // at most one read of the caller's buffer
        assertThat(counter.largestParserBuffer).isLessThanOrEqualTo(ControlStreamParser.MAX_LINE);
        assertThat(parser.bufferCapacity()).isLessThanOrEqualTo(ControlStreamParser.MAX_LINE);
        assertThat(counter.ended).isTrue();
        assertThat(counter.exitCode).isZero();
    }

    @Test
    void aLyingJsonLengthDoesNotAllocateUpFront() throws IOException {
        ControlStreamParser parser = new ControlStreamParser(new RecordingListener());
        parser.feed(("result " + ControlStreamParser.DEFAULT_MAX_RESULT_JSON + "\n{").getBytes(StandardCharsets.US_ASCII));
        assertThat(parser.bufferCapacity()).isLessThanOrEqualTo(ControlStreamParser.MAX_LINE + 64 * 1024);
    }

    /** Counts body bytes and watches the parser's own buffers while the body streams through. */
    private static final class BodyCounter implements ControlListener {
        ControlStreamParser parser;
        long bytes;
        long checksum;
        long chunks;
        int largestChunk;
        int largestParserBuffer;
        boolean ended;
        int exitCode = -1;

        @Override
        public void fileChunk(ReportedResult result, FileUpload file, byte[] buf, int off, int len) {
            bytes += len;
            chunks++;
            largestChunk = Math.max(largestChunk, len);
            for (int i = off; i < off + len; i++) {
                checksum += buf[i] & 0xff;
            }
            largestParserBuffer = Math.max(largestParserBuffer, parser.bufferCapacity());
        }

        @Override
        public void resultEnded(ReportedResult result) {
            ended = result.files().get(0).length() == bytes;
        }

        @Override
        public void exitCode(int code) {
            exitCode = code;
        }
    }

    /** {@code head}, then {@code size} generated bytes, then {@code tail}, without holding the middle. */
    private static final class GeneratedStream extends InputStream {
        private final byte[] head;
        private final long size;
        private final byte[] tail;
        private long position;

        GeneratedStream(byte[] head, long size, byte[] tail) {
            this.head = head;
            this.size = size;
            this.tail = tail;
        }

        static long checksum(long size) {
            long sum = 0;
            for (long i = 0; i < size; i++) {
                sum += at(i);
            }
            return sum;
        }

        private static int at(long i) {
            return (int) ((i * 31 + 7) & 0xff);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            long end = head.length + size + tail.length;
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - position);
            for (int i = 0; i < n; i++, position++) {
                long body = position - head.length;
                buf[off + i] = position < head.length ? head[(int) position]
                        : body < size ? (byte) at(body) : tail[(int) (body - size)];
            }
            return n;
        }
    }
}
