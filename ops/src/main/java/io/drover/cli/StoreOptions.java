package io.drover.cli;

import io.drover.coordinator.store.EventStore;
import io.drover.embedded.StateDir;
import io.drover.job.FarmTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    /** A running store and its database; closing it stops both. */
    record Running(EventStore store, DatabaseFlag.Opened opened) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                opened.close();
            }
        }
    }

    /** Starts a store of the farm on {@code bootstrap}, writing output into the results directory. */
    Running start(String bootstrap, FarmTopics topics, PrintWriter err) throws IOException {
        return start(database, resultsDir(), true, bootstrap, topics, err);
    }

    /** Where the store writes the output. */
    Path resultsDir() {
        return results != null ? results : StateDir.of("results");
    }

    /**
     * Starts a store of the farm on {@code bootstrap} with its artifact root; {@code writeOutput} false when the
     * workers of this process write the output there already (the farm {@code drover run} starts).
     */
    static Running start(DatabaseFlag database, Path artifacts, boolean writeOutput, String bootstrap,
                         FarmTopics topics, PrintWriter err) throws IOException {
        DatabaseFlag.Opened opened = database.open(true, err);
        try {
            return new Running(EventStore.start(new EventStore.Config(bootstrap, Map.of(), topics, artifacts, writeOutput,
                    line -> {
                        err.println(line);
                        err.flush();
                    }, null), opened.database()), opened);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }
}
