package io.drover.coordinator.export;

import io.drover.result.RunTally;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Locale;

/**
 * A plain-text table for people: a header, one line per test (status in upper case, test, plan, duration, the
 * reason with {@code [known issue X]} and {@code [flaky]}), then a summary line.
 *
 * <p>Columns have fixed widths, since a stream cannot be measured before it is written: a longer test or plan
 * name pushes the rest of its own line to the right and leaves the other lines aligned.
 */
final class TableFormat implements ResultsFormat {
    private static final int STATUS = "PENDING".length();
    private static final int TEST = 48;
    private static final int PLAN = 24;
    private static final int DURATION = "HH:MM:SS".length();

    @Override
    public void write(ExportRun run, Iterator<ExportTest> tests, Writer out) throws IOException {
        out.write(line("STATUS", "TEST", "PLAN", "DURATION", "NOTE"));
        RunTally tally = RunTally.EMPTY;
        int unfinished = 0;
        int flaky = 0;
        int knownIssues = 0;
        while (tests.hasNext()) {
            ExportTest test = tests.next();
            out.write(line(test.status().toUpperCase(Locale.ROOT), test.test(), test.plan(),
                    test.startedAt() == null ? "-" : test.clockDuration(), test.note()));
            if (test.hasVerdict()) {
                tally = tally.plus(test.kind());
            } else {
                unfinished++;
            }
            flaky += test.flaky() ? 1 : 0;
            knownIssues += test.knownIssue() != null ? 1 : 0;
        }
        out.write(summary(run, tally, unfinished, flaky, knownIssues));
        out.flush();
    }

    private static String summary(ExportRun run, RunTally tally, int unfinished, int flaky, int knownIssues) {
        return String.format("%s %s: %d tests, %s, %d not finished; %d flaky, %d with a known issue\n", run.run(),
                run.finishedAt() == null ? "running" : "finished", tally.total() + unfinished, tally.counts(),
                unfinished, flaky, knownIssues);
    }

    private static String line(String status, String test, String plan, String duration, String note) {
        String row = pad(status, STATUS) + "  " + pad(oneLine(test), TEST) + "  " + pad(oneLine(plan), PLAN) + "  "
                + " ".repeat(Math.max(0, DURATION - duration.length())) + duration + "  " + oneLine(note);
        return row.stripTrailing() + "\n";
    }

    private static String pad(String cell, int width) {
        return cell.length() >= width ? cell : cell + " ".repeat(width - cell.length());
    }

    /** Control characters (a newline, a terminal escape) would break the table or the terminal: made visible. */
    private static String oneLine(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                clean.append(' ');
            } else {
                clean.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '?' : c);
            }
        }
        return clean.toString();
    }
}
