package io.drover.worker.farm;

import io.drover.sut.SutAddress;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.runner.SutWorkspace;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One SUT on this worker: its jobs one at a time in the order they came, its connection (opened by the
 * first job, reused by the next ones and across runs) and its runs' workspaces. No thread waits: each job
 * is chained to the end of the one before.
 */
final class SutLane {
    private final SutConnector connector;
    private final ExecutionSettings settings;
    private final Object connecting = new Object();
    // one job of a lane runs at a time: these are shared only with abandon() and release bookkeeping
    private final Map<String, SutWorkspace> located = new ConcurrentHashMap<>();
    private final Map<String, SutWorkspace> opened = new ConcurrentHashMap<>();
    private volatile SutConnection connection;
    private volatile boolean abandoned;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    SutLane(SutConnector connector, ExecutionSettings settings) {
        this.connector = connector;
        this.settings = settings;
    }

    /** Runs {@code job} once the jobs queued before it have ended, however they ended. */
    synchronized CompletableFuture<Void> then(Supplier<CompletableFuture<Void>> job) {
        CompletableFuture<Void> next = tail.thenCompose(v -> job.get());
        tail = next.handle((v, e) -> null);
        return next;
    }

    /** The SUT's connection, opened (or reconnected after a drop) as needed; blocks meanwhile. */
    SutConnection connection(String address) throws SutException {
        SutAddress wanted = parse(address);
        synchronized (connecting) {
            SutConnection current = connection;
            if (current != null && !current.address().equals(wanted)) {
                current.close();
                current = null;
                located.clear();
                opened.clear();
            }
            if (current == null) {
                current = connector.open(wanted);
            } else if (!current.isConnected()) {
                current.reconnect(settings.reconnectWindow());
            }
            connection = current;
            if (abandoned) {
                current.close();
                throw new SutException(SutFailureClass.LOST, wanted.display() + ": this worker let go of the SUT");
            }
            return current;
        }
    }

    /** Where the run's workspace is on the SUT, creating nothing. */
    SutWorkspace located(String run, String tree, String address) throws SutException {
        SutWorkspace known = located.get(run);
        return known != null ? known
                : remember(run, SutWorkspace.at(connection(address), run, Path.of(tree), settings.workRoot()), false);
    }

    /** The run's workspace, made usable (runner, fmf tree) on first use. */
    SutWorkspace opened(String run, String tree, String address) throws SutException {
        SutWorkspace known = opened.get(run);
        return known != null ? known
                : remember(run, SutWorkspace.open(connection(address), run, Path.of(tree), settings.workRoot()), true);
    }

    private SutWorkspace remember(String run, SutWorkspace workspace, boolean usable) {
        located.put(run, workspace);
        if (usable) {
            opened.put(run, workspace);
        }
        return workspace;
    }

    boolean hasRun(String run) {
        return located.containsKey(run);
    }

    void forget(String run) {
        located.remove(run);
        opened.remove(run);
    }

    /** Lets go of the SUT: the connection closes, so whatever still follows a command there stops. */
    void abandon() {
        abandoned = true;
        SutConnection open = connection;
        if (open != null) {
            open.close();
        }
    }

    private static SutAddress parse(String address) throws SutException {
        try {
            return SutAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new SutException(SutFailureClass.SETUP, e.getMessage());
        }
    }
}
