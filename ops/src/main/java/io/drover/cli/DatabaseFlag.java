package io.drover.cli;

import io.drover.coordinator.store.StoreDatabase;
import io.drover.embedded.EmbeddedDatabase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db}: the result store's PostgreSQL, or by default the one Drover runs itself in its state directory. */
final class DatabaseFlag {
    @Option(names = "--db", paramLabel = "URL", description = "The result store's PostgreSQL: "
            + "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: a PostgreSQL that Drover runs itself, its "
            + "data in $XDG_STATE_HOME/drover/postgres or ~/.local/state/drover/postgres).")
    String url;

    /** An open store database, and the embedded server it runs on, if any: closing it stops both. */
    record Opened(StoreDatabase database, EmbeddedDatabase embedded, Path temporary) implements AutoCloseable {
        @Override
        public void close() {
            try {
                database.close();
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
                if (temporary != null) {
                    io.drover.tree.FileTrees.deleteQuietly(temporary);
                }
            }
        }
    }

    /**
     * Opens the database given, else the embedded one. When another Drover runs the embedded one, a reader uses it
     * as it is; a writer ({@code keepsRunning}) gets a database of its own for this command, with a warning, since the
     * other one stops when its command ends. Failures are {@link io.drover.coordinator.store.StoreException}s.
     */
    Opened open(boolean keepsRunning, PrintWriter err) throws java.io.IOException {
        if (url != null) {
            return new Opened(StoreDatabase.open(url), null, null);
        }
        Path dir = EmbeddedDatabase.defaultDataDir();
        EmbeddedDatabase embedded;
        Path temporary = null;
        try {
            embedded = EmbeddedDatabase.start(dir);
        } catch (IllegalStateException e) {
            String running = EmbeddedDatabase.runningUrl(dir);
            if (!keepsRunning && running != null) {
                return new Opened(StoreDatabase.open(running), null, null);
            }
            temporary = Files.createTempDirectory("drover-postgres");
            err.println("drover: warning: " + e.getMessage() + "; this command's results go to a temporary database"
                    + " (give --db to keep them)");
            embedded = EmbeddedDatabase.start(temporary);
        }
        try {
            return new Opened(StoreDatabase.open(embedded.url()), embedded, temporary);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }
}
