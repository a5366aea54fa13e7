package io.drover.coordinator.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;

/**
 * Line-JSON: the first line is the run ({@link ExportRun}'s fields), then one line per test with all of {@link
 * ExportTest}'s fields, {@code results} as the test reported them. Absent values are {@code null}.
 */
final class JsonLinesFormat implements ResultsFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(ExportRun run, Iterator<ExportTest> tests, Writer out) throws IOException {
        out.write(line(run));
        while (tests.hasNext()) {
            out.write(line(tests.next()));
        }
        out.flush();
    }

    /** {@code value} as compact JSON and a newline. */
    static String line(Object value) throws IOException {
        return JSON.writeValueAsString(value) + "\n";
    }
}
