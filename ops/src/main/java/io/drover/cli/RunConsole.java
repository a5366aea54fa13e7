package io.drover.cli;

import io.drover.result.FailureClass;
import io.drover.result.RunTally;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code drover exec} and {@code drover run} show while a run goes: a line per finished test and
 * event worth telling and, on a terminal, a progress line kept at the bottom (done/total, counts,
 * running, ETA); then the summary. Keeps counts, not outcomes.
 */
final class RunConsole {
    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private int total;
    private RunTally tally = RunTally.EMPTY;
    private int running;
    private boolean progressShown;

    RunConsole(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** The first line: the run id, then what it runs where. */
    synchronized void started(String runId, int tests, int plans, int suts, String where) {
        total = tests;
        err.println("drover: run " + runId + ": " + tests + (tests == 1 ? " test" : " tests") + " in " + plans
                + (plans == 1 ? " plan" : " plans") + " on " + suts + (suts == 1 ? " SUT" : " SUTs")
                + (where == null ? "" : "; " + where));
        err.flush();
    }

    synchronized void testStarted() {
        running++;
        showProgress();
    }

    /** A test's final outcome: counted, and a line saying how it went. */
    synchronized void testEnded(String test, String status, FailureClass failure, String reason, Duration took,
                                String where, boolean wasRunning, String note) {
        if (wasRunning) {
            running = Math.max(0, running - 1);
        }
        RunTally.Kind kind = RunTally.kind(status, failure);
        tally = tally.plus(kind);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-5s %s (%s%s)", kind.name(), test,
                seconds(took), where == null ? "" : ", " + where));
        if (kind != RunTally.Kind.PASS && kind != RunTally.Kind.SKIP) {
            text.append(": ").append(failure == null ? "" : failure.text() + ": ").append(reason);
        }
        if (note != null) {
            text.append(" [").append(note).append(']');
        }
        line(text.toString());
    }

    /** A running attempt ended; its test's final outcome comes with {@link #testEnded}. */
    synchronized void testStopped() {
        running = Math.max(0, running - 1);
        showProgress();
    }

    synchronized void line(String text) {
        clearProgress();
        err.println(text);
        showProgress();
    }

    /** Prints the summary of what was counted and returns the exit code. */
    synchronized int finished(String where) {
        clearProgress();
        err.println("drover: " + tally.total() + (tally.total() == 1 ? " test" : " tests") + " in "
                + seconds(Duration.ofNanos(System.nanoTime() - started)) + ": " + tally.counts());
        if (tally.total() == 0) {
            err.println("drover: nothing ran: the plans selected no tests");
        }
        if (where != null) {
            err.println("drover: " + where);
        }
        err.flush();
        return tally.exitCode();
    }

    private void showProgress() {
        if (!terminal) {
            err.flush();
            return;
        }
        int done = tally.total();
        StringBuilder bar = new StringBuilder(String.format(Locale.ROOT,
                "[%d/%d] %d pass, %d fail, %d error, %d infra, %d running", done, total,
                tally.passed() + tally.skipped(), tally.failed(), tally.errored(), tally.infrastructure(), running));
        if (done > 0 && done < total) {
            long elapsed = System.nanoTime() - started;
            bar.append(", ETA ").append(seconds(Duration.ofNanos(elapsed / done * (total - done))));
        }
        err.print("\r" + bar + "\u001b[K");
        err.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\u001b[K");
            progressShown = false;
        }
    }

    static String seconds(Duration duration) {
        long s = duration.toSeconds();
        if (s >= 60) {
            return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
