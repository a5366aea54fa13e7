package io.drover.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** How listings print: one line per object, or one block per object with blank lines between. */
final class Output {
    private Output() {
    }

    static <T> void lines(PrintWriter out, List<T> items, Function<T, String> line) {
        items.forEach(item -> out.println(line.apply(item)));
        out.flush();
    }

    /** Each block ends with a newline; blocks are separated by one blank line. */
    static <T> void blocks(PrintWriter out, List<T> items, Function<T, String> block) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.print(block.apply(items.get(i)));
        }
        out.flush();
    }

    /** What JSON output writes, token by token. */
    interface JsonWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Writes pretty JSON to {@code out}, streamed. A bare generator rather than an ObjectMapper, whose classes cost a
     * short command about 50 ms to load.
     */
    static void json(PrintWriter out, JsonWriter writer) {
        json(out, false, writer);
    }

    /** Like {@link #json(PrintWriter, JsonWriter)}, on one line without indentation when {@code compact}. */
    static void json(PrintWriter out, boolean compact, JsonWriter writer) {
        try (JsonGenerator json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
            if (!compact) {
                json.useDefaultPrettyPrinter();
            }
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
