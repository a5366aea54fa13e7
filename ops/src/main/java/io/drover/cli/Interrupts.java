package io.drover.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code drover exec} and {@code drover run}: the first cancels the run, which ends its
 * tests on the SUTs (SIGINT, the grace period, SIGKILL) and still prints the summary; a second
 * stops at once. A signal handler rather than a shutdown hook, so that the run ends in order
 * before the process does.
 */
final class Interrupts implements AutoCloseable {
    private final AtomicBoolean happened = new AtomicBoolean();
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private Interrupts(String what, Consumer<String> cancel, PrintWriter err) {
        SignalHandler handler = signal -> {
            if (happened.getAndSet(true)) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
            err.println("drover: " + what + " (" + signal.getName() + " again to stop at once)");
            err.flush();
            cancel.accept("cancelled by the user (SIG" + signal.getName() + ")");
        };
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    /** The first signal calls {@code cancel} with a reason. */
    static Interrupts cancel(Consumer<String> cancel, PrintWriter err) {
        return new Interrupts("cancelling the run", cancel, err);
    }

    /** The first signal says {@code what} happens and calls {@code action} with a reason. */
    static Interrupts on(String what, Consumer<String> action, PrintWriter err) {
        return new Interrupts(what, action, err);
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
