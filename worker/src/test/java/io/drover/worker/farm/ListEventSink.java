package io.drover.worker.farm;

import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.OutputChunk;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Events and output kept in lists, as written and read back through the codec, the way a consumer sees them. */
final class ListEventSink implements EventSink {
    private final List<String> lines = new ArrayList<>();
    private final List<OutputChunk> chunks = new ArrayList<>();

    @Override
    public synchronized void event(Event event) {
        lines.add(EventCodec.write(event));
    }

    @Override
    public synchronized void output(OutputChunk chunk) {
        chunks.add(EventCodec.readChunk(EventCodec.write(chunk)));
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<Event> events() {
        return lines.stream().map(EventCodec::read).toList();
    }

    synchronized List<OutputChunk> chunks() {
        return List.copyOf(chunks);
    }

    /** A test's output put together from its chunks by offset, as a writer of {@code drover.output} would. */
    synchronized String output(String test) {
        TreeMap<Long, byte[]> byOffset = new TreeMap<>();
        chunks.stream().filter(c -> c.test().equals(test) && c.file().equals(AttemptEvents.OUTPUT_FILE))
                .forEach(c -> byOffset.put(c.offset(), c.data()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byOffset.forEach((offset, data) -> {
            if (offset > out.size()) {
                throw new AssertionError("a gap in the output of " + test + " before offset " + offset);
            }
            long end = offset + data.length;
            if (end > out.size()) {
                out.write(data, (int) (out.size() - offset), (int) (end - out.size()));
            }
        });
        return out.toString(StandardCharsets.UTF_8);
    }
}
