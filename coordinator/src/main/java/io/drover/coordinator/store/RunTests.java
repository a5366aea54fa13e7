package io.drover.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.coordinator.export.ExportTest;
import io.drover.result.ArtifactLayout;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A run's tests with their verdicts and final attempts, in the run's plan order and each plan's test order, read
 * through a cursor a few hundred at a time: a run of any size streams in bounded memory. A test without a verdict
 * is {@code pending}, or {@code running} with its newest attempt once one started. Close it when done.
 */
public final class RunTests implements Iterator<ExportTest>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH = 500;
    private static final String SQL = """
            select t.plan, t.test, t.serial,
                   case when t.verdict_seq is null and a.started_at is not null then 'running' else t.status end,
                   t.failure_class, t.reason, t.flaky, t.known_issue, coalesce(a.attempt, t.attempt),
                   a.duration_ms, a.sut,
                   to_char(a.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   to_char(a.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   (select string_agg(p.lines::text, ',' order by p.page) from result_pages p
                    where p.run = t.run and p.plan = t.plan and p.test = t.test and p.attempt = a.attempt)
            from tests t
            join runs run on run.run = t.run
            -- the verdict's attempt, or while there is none the newest one
            left join lateral (select * from attempts a
                               where a.run = t.run and a.plan = t.plan and a.test = t.test
                                 and (t.verdict_seq is null or a.attempt = t.attempt)
                               order by a.attempt desc limit 1) a on true
            where t.run = $1
            order by (select p.n from jsonb_array_elements_text(run.plans) with ordinality as p(name, n)
                      where p.name = t.plan), t.plan, t.serial, t.test""";

    private final StoreDatabase database;
    private final SqlConnection conn;
    private final Transaction tx;
    private final Cursor cursor;
    private Iterator<Row> page = List.<Row>of().iterator();
    private boolean read;

    private RunTests(StoreDatabase database, SqlConnection conn, Transaction tx, Cursor cursor) {
        this.database = database;
        this.conn = conn;
        this.tx = tx;
        this.cursor = cursor;
    }

    /** Opens the cursor over a run's tests (none for a run the store does not have). */
    static RunTests open(StoreDatabase database, String run) {
        SqlConnection conn = database.await(database.pool().getConnection());
        try {
            Transaction tx = database.await(conn.begin());
            Cursor cursor = database.await(conn.prepare(SQL)).cursor(Tuple.of(run));
            return new RunTests(database, conn, tx, cursor);
        } catch (StoreException e) {
            conn.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && (!read || cursor.hasMore())) {
            page = database.await(cursor.read(FETCH)).iterator();
            read = true;
        }
        return page.hasNext();
    }

    @Override
    public ExportTest next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return test(page.next());
    }

    private static ExportTest test(Row row) {
        String plan = row.getString(0);
        String test = row.getString(1);
        int attempt = row.getInteger(8);
        Long duration = row.getLong(9);
        return new ExportTest(plan, test, row.getInteger(2), row.getString(3), row.getString(4), row.getString(5),
                row.getBoolean(6), row.getString(7), attempt, duration == null ? 0 : duration, row.getString(10),
                row.getString(11), row.getString(12),
                attempt == 0 ? null : ArtifactLayout.attemptDir(Path.of(""), plan, test, attempt).toString(),
                results(row.getString(13)));
    }

    /**
     * The results of the attempt's pages ({@code {"SEQ": {"at": ..., "result": {...}}, ...},...}, in page order), in
     * seq order: read here rather than unpacked by the database, which costs it far more.
     */
    private static List<ObjectNode> results(String pages) {
        if (pages == null) {
            return List.of();
        }
        try {
            TreeMap<Long, ObjectNode> bySeq = new TreeMap<>();
            for (JsonNode page : JSON.readTree("[" + pages + "]")) {
                page.fields().forEachRemaining(line -> {
                    if (line.getValue().get("result") instanceof ObjectNode result) {
                        bySeq.put(Long.parseLong(line.getKey()), result);
                    }
                });
            }
            return new ArrayList<>(bySeq.values());
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalStateException("the store holds a result page that is not as it writes them: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            database.await(cursor.close());
            database.await(tx.rollback());
        } finally {
            database.await(conn.close());
        }
    }
}
