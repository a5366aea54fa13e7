package io.drover.cli;

import io.drover.coordinator.store.EventStore;
import io.drover.embedded.StateDir;
import io.drover.job.FarmTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a farm's result store writes: {@code --db} and {@code --results}. */
final class StoreOptions {
    @Mixin
    DatabaseFlag database;
    @Option(names = "--results", paramLabel = "DIR", description = "Where the store writes each test attempt's output "
            + "and files, as DIR/RUN/PLAN/TEST/attempt-N (default: $XDG_STATE_HOME/drover/results or "
            + "~/.local/state/drover/results).")
    Path results;
    @Option(names = "--threads", paramLabel = "N", description = "Stores in this process, each on its own share of the "
            + "partitions and with its own transaction (default: 2).")
    int threads = 2;

    /** Running stores and their database; closing it stops them all. */
    record Running(List<EventStore> stores, DatabaseFlag.Opened opened) implements AutoCloseable {
        /** Waits until every store has stored what its partitions held; false when {@code timeout} passed first. */
        boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
            for (EventStore store : stores) {
                if (!store.awaitCaughtUp(timeout)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            try {
                stores.forEach(EventStore::close);
            } finally {
                opened.close();
            }
        }
    }

    /** Starts a store of the farm on {@code bootstrap}, writing output into the results directory. */
    Running start(String bootstrap, Map<String, Object> kafka, FarmTopics topics, PrintWriter err)
            throws IOException {
        if (threads < 1) {
            throw new ExitCodes.UsageException("--threads must be 1 or more, not " + threads);
        }
        return start(database, resultsDir(), true, threads, bootstrap, kafka, topics, err);
    }

    /** Where the store writes the output. */
    Path resultsDir() {
        return results != null ? results : StateDir.of("results");
    }

    /**
     * Starts a store of the farm on {@code bootstrap} with its artifact root; {@code writeOutput} false when the
     * workers of this process write the output there already (the farm {@code drover run} starts).
     */
    static Running start(DatabaseFlag database, Path artifacts, boolean writeOutput, int threads, String bootstrap,
                         Map<String, Object> kafka, FarmTopics topics, PrintWriter err) throws IOException {
        DatabaseFlag.Opened opened = database.open(true, err);
        List<EventStore> stores = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                stores.add(EventStore.start(new EventStore.Config(bootstrap, kafka, topics, artifacts, writeOutput,
                        line -> {
                            err.println(line);
                            err.flush();
                        }, null), opened.database()));
            }
            return new Running(stores, opened);
        } catch (RuntimeException e) {
            new Running(stores, opened).close();
            throw e;
        }
    }
}
