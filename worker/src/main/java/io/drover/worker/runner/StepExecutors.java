package io.drover.worker.runner;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor for {@link TestExecution}'s blocking steps (sending files, short runner commands,
 * waiting for a rebooting SUT). Steps are short but may block, so it grows as needed; idle
 * threads go after 5 s, so that a burst of starts does not leave a thread per test behind.
 */
public final class StepExecutors {
    private StepExecutors() {
    }

    /** A growing pool of daemon threads named {@code name-N}, idle ones ending after 5 s. */
    public static ExecutorService newExecutor(String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
