package io.drover.coordinator.export;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;

/** One way of writing a run's results; {@link ResultsFormats#of} finds one by name. */
public interface ResultsFormat {
    /**
     * Writes the run's tests, in the order given, as this format. It takes each test from the iterator as it
     * writes, keeps none of them once written, and leaves {@code out} open (flushed).
     */
    void write(ExportRun run, Iterator<ExportTest> tests, Writer out) throws IOException;
}
