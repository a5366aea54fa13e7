package io.drover.coordinator.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the result store: runs, newest first. */
public final class StoreReader {
    private static final String SUMMARY = """
            select r.run, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), r.tree, r.ref, r.tests,
                   count(t.verdict_seq)::int,
                   count(*) filter (where t.status in ('pass', 'info'))::int,
                   count(*) filter (where t.status in ('fail', 'warn'))::int,
                   count(*) filter (where t.status = 'error')::int,
                   count(*) filter (where t.status = 'skip')::int,
                   count(*) filter (where t.status = 'infra')::int,
                   r.exit_code
            from runs r left join tests t on t.run = r.run
            """;

    private final StoreDatabase database;

    public StoreReader(StoreDatabase database) {
        this.database = database;
    }

    /** The newest {@code limit} runs, newest first, with their counts so far. */
    public List<RunSummary> runs(int limit) {
        List<RunSummary> runs = new ArrayList<>();
        for (Row row : database.pool().preparedQuery(SUMMARY + " group by r.run order by r.created_at desc, r.run desc "
                + "limit $1").execute(Tuple.of(limit)).await()) {
            runs.add(summary(row));
        }
        return runs;
    }

    /** One run, if the store has it. */
    public Optional<RunSummary> run(String run) {
        for (Row row : database.pool().preparedQuery(SUMMARY + " where r.run = $1 group by r.run")
                .execute(Tuple.of(run)).await()) {
            return Optional.of(summary(row));
        }
        return Optional.empty();
    }

    private static RunSummary summary(Row row) {
        return new RunSummary(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getInteger(5), row.getInteger(6), row.getInteger(7), row.getInteger(8),
                row.getInteger(9), row.getInteger(10), row.getInteger(11), row.getInteger(12));
    }
}
