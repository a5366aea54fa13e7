package io.drover.coordinator.store;

import io.drover.tree.FileTrees;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.file.Path;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Removing runs from the result store: every row of a run, in one transaction. The run's events stay in Kafka for as
 * long as the topic keeps them, so a store of a new consumer group would store the run again.
 */
public final class StoreRetention {
    /** Child tables first; {@code runs} last. Names only ever from this list. */
    private static final List<String> TABLES = List.of("artifacts", "result_pages", "attempts", "jobs", "sut_states",
            "tests", "runs");

    private final StoreDatabase database;

    public StoreRetention(StoreDatabase database) {
        this.database = database;
    }

    /** The runs created before {@code before}, oldest first. */
    public List<String> createdBefore(OffsetDateTime before) {
        List<String> runs = new ArrayList<>();
        for (Row row : database.await(database.pool()
                .preparedQuery("select run from runs where created_at < $1 order by created_at, run")
                .execute(Tuple.of(before)))) {
            runs.add(row.getString(0));
        }
        return runs;
    }

    /**
     * Removes a run's rows, then its directory under the results directory {@code results} (links in it are removed,
     * not followed); false when the store has no such run.
     */
    public boolean remove(String run, Path results) throws IOException {
        boolean removed = removeRows(run);
        Path dir = ArtifactFiles.runDir(results, run);
        if (dir != null) {
            FileTrees.delete(dir);
        }
        return removed;
    }

    private boolean removeRows(String run) {
        return database.await(database.pool().withTransaction(conn -> {
            io.vertx.core.Future<Integer> chain = io.vertx.core.Future.succeededFuture(0);
            for (String table : TABLES) {
                chain = chain.compose(v -> conn.preparedQuery("delete from " + table + " where run = $1")
                        .execute(Tuple.of(run)).map(rows -> rows.rowCount()));
            }
            return chain;
        })) > 0;
    }
}
