package io.drover.worker.sut;

import java.util.concurrent.CompletableFuture;

/**
 * A command started on a SUT. Its output goes to the sinks given to
 * {@link SutConnection#start}; every byte has been written to them by the time {@link #exit()}
 * completes.
 */
public interface RunningCommand {

    /**
     * Completes with the exit status ({@code 128 + N} when the command was killed by signal N), or
     * exceptionally with a {@link SutException} ({@code sut-lost}) when the connection dropped first.
     */
    CompletableFuture<Integer> exit();

    /**
     * Stops waiting for the command: closes its channel (or, on {@code local}, kills the process and
     * its descendants). {@link #exit()} then completes exceptionally unless it completed already.
     * Killing a command's process group on the SUT is the runner's job, not this one's.
     */
    void abort();

    /** A running command whose exit is {@code exit} and which {@code abort} stops. */
    static RunningCommand of(CompletableFuture<Integer> exit, Runnable abort) {
        return new RunningCommand() {
            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }

            @Override
            public void abort() {
                abort.run();
            }
        };
    }
}
