package io.drover.cli;

import io.drover.result.TestOutcome;
import io.drover.worker.runner.PlanExecution;
import io.drover.worker.runner.TestInvocation;
import io.drover.sut.SutAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code drover exec} shows while it runs: a line per finished test and, on a terminal, a
 * progress line kept at the bottom (done/total, counts, running, ETA); then the summary.
 */
final class ExecProgress implements PlanExecution.Listener {
    private final PrintWriter err;
    private final int total;
    private final int sutCount;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final List<TestOutcome> done = new ArrayList<>();
    private int running;
    private boolean progressShown;

    ExecProgress(PrintWriter err, int total, int sutCount, boolean terminal) {
        this.err = err;
        this.total = total;
        this.sutCount = sutCount;
        this.terminal = terminal;
    }

    synchronized void started(String runId, int plans, Path artifacts) {
        err.println("drover: run " + runId + ": " + total + (total == 1 ? " test" : " tests") + " in " + plans
                + (plans == 1 ? " plan" : " plans") + " on " + sutCount + (sutCount == 1 ? " SUT" : " SUTs")
                + "; artifacts in " + artifacts);
        err.flush();
    }

    @Override
    public synchronized void sutReady(SutAddress sut) {
        line("SUT " + sut.display() + " ready");
    }

    @Override
    public synchronized void sutFailed(SutAddress sut, String reason) {
        String prefix = sut.display() + ": ";
        line("SUT " + sut.display() + " out: " + (reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason));
    }

    @Override
    public synchronized void testStarted(TestInvocation test, SutAddress sut) {
        running++;
        showProgress();
    }

    @Override
    public synchronized void testFinished(TestOutcome outcome, SutAddress sut) {
        if (sut != null) {
            running--;
        }
        done.add(outcome);
        ExecSummary.Kind kind = ExecSummary.kind(outcome);
        String text = String.format(Locale.ROOT, "%-5s %s (%s%s)", kind.name(), outcome.test(),
                seconds(outcome.took()), sut == null ? "" : ", " + sut.display());
        if (kind != ExecSummary.Kind.PASS && kind != ExecSummary.Kind.SKIP) {
            text += ": " + (outcome.failureClass() == null ? "" : outcome.failureClass().text() + ": ") + outcome.reason();
        }
        line(text);
    }

    @Override
    public synchronized void finishFailed(String plan, SutAddress sut, String reason) {
        line("finish of " + plan + " failed on " + sut.display() + ": " + reason);
    }

    /** Prints the summary and returns the exit code. */
    synchronized int finished(List<TestOutcome> outcomes, Path artifacts) {
        clearProgress();
        ExecSummary summary = ExecSummary.of(outcomes);
        err.println("drover: " + summary.total() + (summary.total() == 1 ? " test" : " tests") + " in "
                + seconds(Duration.ofNanos(System.nanoTime() - started)) + ": " + summary.counts());
        if (summary.total() == 0) {
            err.println("drover: nothing ran: the plans selected no tests");
        }
        err.println("drover: artifacts in " + artifacts);
        err.flush();
        return summary.exitCode();
    }

    private void line(String text) {
        clearProgress();
        err.println(text);
        showProgress();
    }

    private void showProgress() {
        if (!terminal) {
            err.flush();
            return;
        }
        ExecSummary counts = ExecSummary.of(done);
        StringBuilder bar = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] %d pass, %d fail, %d error, %d infra, %d running",
                done.size(), total, counts.passed() + counts.skipped(), counts.failed(), counts.errored(),
                counts.infrastructure(), running));
        if (!done.isEmpty() && done.size() < total) {
            long elapsed = System.nanoTime() - started;
            long eta = elapsed / done.size() * (total - done.size());
            bar.append(", ETA ").append(seconds(Duration.ofNanos(eta)));
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

    private static String seconds(Duration duration) {
        long s = duration.toSeconds();
        if (s >= 60) {
            return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
