package io.drover.coordinator.store;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's schema, as numbered SQL files in {@code io/drover/store/migrations/}: each applied once, in order, in
 * one transaction with its record in {@code schema_migrations}. Stores starting together wait for each other on an
 * advisory lock, so only one of them applies a migration.
 */
public final class Migrations {
    /** In order; a new one is added at the end and never changed once released. */
    static final List<String> FILES = List.of("001-results.sql", "002-c-collation.sql", "003-json-result-pages.sql",
            "004-tests-fillfactor.sql");
    private static final long LOCK = 0x64726f766572L; // "drover"

    private Migrations() {
    }

    /** Applies what the database lacks; returns the names applied now. */
    public static List<String> apply(Pool pool) {
        return pool.withTransaction(conn -> conn.query("select pg_advisory_xact_lock(" + LOCK + ")").execute()
                .compose(locked -> conn.query("create table if not exists schema_migrations (version integer primary "
                        + "key, name text not null)").execute())
                .compose(created -> conn.query("select version from schema_migrations").execute())
                .compose(rows -> {
                    Set<Integer> applied = new HashSet<>();
                    for (Row row : rows) {
                        applied.add(row.getInteger(0));
                    }
                    int known = version(FILES.get(FILES.size() - 1));
                    int newest = applied.stream().max(Integer::compare).orElse(0);
                    if (newest > known) {
                        // a newer Drover migrated it: this one's statements may no longer fit the tables
                        return io.vertx.core.Future.failedFuture(new IllegalStateException("the database's schema is "
                                + "version " + newest + ", newer than this Drover knows (" + known + "): upgrade "
                                + "Drover"));
                    }
                    List<String> missing = FILES.stream().filter(f -> !applied.contains(version(f))).toList();
                    io.vertx.core.Future<Void> chain = io.vertx.core.Future.succeededFuture();
                    for (String file : missing) {
                        chain = chain.compose(v -> conn.query(read(file)).execute())
                                .compose(v -> conn.preparedQuery("insert into schema_migrations (version, name) "
                                        + "values ($1, $2)").execute(Tuple.of(version(file), file)))
                                .mapEmpty();
                    }
                    return chain.map(v -> missing);
                })).await();
    }

    static int version(String file) {
        return Integer.parseInt(file.substring(0, file.indexOf('-')));
    }

    static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/io/drover/store/migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
