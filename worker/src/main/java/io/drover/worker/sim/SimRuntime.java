package io.drover.worker.sim;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What all simulated SUTs of the process share: the I/O service of their SSH servers, one timer
 * thread, a pool of threads for their commands' pipes, and the listener of their {@code reboot}
 * scripts. It exists while at least one SUT or farm holds it. A shutdown hook kills the processes of
 * the SUTs still running when the JVM exits.
 */
final class SimRuntime {
    private static SimRuntime current;
    private static int holders;

    private final SharedIo io;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService threads;
    private final RebootRequests rebootRequests;
    private final Map<String, SimulatedSut> live = new ConcurrentHashMap<>();
    private final Thread exitHook;

    private SimRuntime() throws IOException {
        timers = new ScheduledThreadPoolExecutor(1, daemons("drover-sim-timer"));
        timers.setRemoveOnCancelPolicy(true);
        threads = Executors.newCachedThreadPool(daemons("drover-sim"));
        try {
            rebootRequests = new RebootRequests(threads, this::rebootRequested);
        } catch (IOException e) {
            stopThreads();
            throw new IOException("cannot listen for the reboot requests of simulated SUTs: " + e.getMessage(), e);
        }
        io = new SharedIo();
        exitHook = new Thread(() -> SimProcesses.killAll(live.keySet()), "drover-sim-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** The runtime, started if no one holds it; every call must be paired with {@link #release()}. */
    static synchronized SimRuntime acquire() throws IOException {
        if (current == null) {
            current = new SimRuntime();
        }
        holders++;
        return current;
    }

    /** Gives back what {@link #acquire()} gave; the last holder stops the runtime. */
    void release() {
        synchronized (SimRuntime.class) {
            if (current != this || --holders > 0) {
                return;
            }
            current = null;
        }
        rebootRequests.close();
        io.close();
        stopThreads();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    SharedIo io() {
        return io;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    ExecutorService threads() {
        return threads;
    }

    int rebootPort() {
        return rebootRequests.port();
    }

    void register(SimulatedSut sut) {
        live.put(sut.id(), sut);
    }

    void unregister(SimulatedSut sut) {
        live.remove(sut.id(), sut);
    }

    private void rebootRequested(String simId, String bootId) {
        Optional.ofNullable(live.get(simId)).ifPresent(sut -> sut.rebootRequested(bootId));
    }

    private void stopThreads() {
        timers.shutdownNow();
        threads.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
