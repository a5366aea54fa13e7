package io.drover.cli;

import io.drover.worker.runner.PlanExecution;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code drover exec}: the first cancels the run, which ends its
 * tests on the SUTs (SIGINT, the grace period, SIGKILL) and still prints the summary; a second
 * stops at once. A signal handler rather than a shutdown hook, so that the run ends in order
 * before the process does.
 */
final class Interrupts implements AutoCloseable {
    private final AtomicBoolean happened = new AtomicBoolean();
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private Interrupts(PlanExecution execution, PrintWriter err) {
        SignalHandler handler = signal -> {
            if (happened.getAndSet(true)) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
            err.println("drover: cancelling the run (" + signal.getName() + " again to stop at once)");
            err.flush();
            execution.cancel("cancelled by the user (SIG" + signal.getName() + ")");
        };
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    static Interrupts cancel(PlanExecution execution, PrintWriter err) {
        return new Interrupts(execution, err);
    }

    boolean happened() {
        return happened.get();
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
