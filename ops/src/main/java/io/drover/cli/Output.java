package io.drover.cli;

import java.io.PrintWriter;
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
}
