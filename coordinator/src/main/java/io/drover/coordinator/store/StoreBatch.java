package io.drover.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.OutputChunk;
import io.drover.event.RunCancelled;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.SutState;
import io.drover.event.TestFinished;
import io.drover.event.TestPending;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a batch of events makes, written in one transaction. Every statement is an insert that does nothing on a
 * row it already has, or an upsert or update that sets only what its event says; an update that an earlier event
 * must precede runs after the inserts of the same batch. So writing a batch again, or the events again in any
 * batches, leaves the same tables. Events the store has no table for (heartbeats) are skipped.
 */
final class StoreBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Statements in the order they run, each with its rows. */
    private enum Statement {
        RUN_CREATED("""
                insert into runs (run, created_at, tree, ref, plans, context, tests, pool, suts, policy, known_issues)
                values ($1, $2::text::timestamptz, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9::text::jsonb,
                        $10::text::jsonb, $11::text::jsonb)
                on conflict (run) do nothing"""),
        TEST_PENDING("""
                insert into tests (run, plan, test, serial, expected_ms, destructive, status)
                values ($1, $2, $3, $4, $5, $6, 'pending')
                on conflict (run, plan, test) do nothing"""),
        ATTEMPT_STARTED("""
                insert into attempts (run, plan, test, attempt, sut, worker, started_at)
                values ($1, $2, $3, $4, $5, $6, $7::text::timestamptz)
                on conflict (run, plan, test, attempt) do update
                set sut = excluded.sut, worker = excluded.worker, started_at = excluded.started_at"""),
        ATTEMPT_FINISHED("""
                insert into attempts (run, plan, test, attempt, finished_at, status, failure_class, reason, exit_code,
                                      duration_ms, restarts, reboots)
                values ($1, $2, $3, $4, $5::text::timestamptz, $6, $7, $8, $9, $10, $11, $12)
                on conflict (run, plan, test, attempt) do update
                set finished_at = excluded.finished_at, status = excluded.status,
                    failure_class = excluded.failure_class, reason = excluded.reason, exit_code = excluded.exit_code,
                    duration_ms = excluded.duration_ms, restarts = excluded.restarts, reboots = excluded.reboots"""),
        RESULT("""
                insert into results (run, plan, test, attempt, seq, at, status, name, result)
                values ($1, $2, $3, $4, $5, $6::text::timestamptz, $7, $8, $9::text::jsonb)
                on conflict (run, plan, test, attempt, seq) do nothing"""),
        JOB_FINISHED("""
                insert into jobs (run, job, kind, sut, plan, test, attempt, status, failure_class, reason, worker,
                                  ended_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text::timestamptz)
                on conflict (run, job) do nothing"""),
        SUT_STATE("""
                insert into sut_states (run, seq, at, sut, address, state, reason)
                values ($1, $2, $3::text::timestamptz, $4, $5, $6, $7)
                on conflict (run, seq) do nothing"""),
        // a test runs from its first start until its verdict, and only the newest attempt counts
        TEST_RUNNING("""
                update tests set status = 'running', attempt = $4
                where run = $1 and plan = $2 and test = $3 and verdict_seq is null and attempt < $4"""),
        TEST_VERDICT("""
                update tests set status = $4, attempt = $5, failure_class = $6, reason = $7, flaky = $8,
                                 known_issue = $9, verdict_seq = $10, verdict_at = $11::text::timestamptz
                where run = $1 and plan = $2 and test = $3"""),
        ARTIFACT("""
                insert into artifacts (run, plan, test, attempt, path, size) values ($1, $2, $3, $4, $5, $6)
                on conflict (run, plan, test, attempt, path) do update
                set size = greatest(artifacts.size, excluded.size)"""),
        RUN_CANCELLED("""
                update runs set cancel_reason = $2 where run = $1 and cancel_reason is null"""),
        RUN_FINISHED("""
                update runs set finished_at = $2::text::timestamptz, passed = $3, failed = $4, errored = $5,
                                skipped = $6, infrastructure = $7, exit_code = $8
                where run = $1""");

        private final String sql;

        Statement(String sql) {
            this.sql = sql;
        }
    }

    private final Map<Statement, List<Tuple>> rows = new LinkedHashMap<>();
    /** Per file of an attempt, how far its chunks in this batch reach. */
    private final Map<AttemptFile, Long> artifactEnds = new LinkedHashMap<>();
    private int events;

    /** Adds a stored chunk of an attempt's file ({@code path} relative to the run's directory) to the index. */
    void add(OutputChunk chunk, String path) {
        artifactEnds.merge(new AttemptFile(chunk.run(), chunk.plan(), chunk.test(), chunk.attempt(), path),
                chunk.offset() + chunk.data().length, Math::max);
    }

    private record AttemptFile(String run, String plan, String test, int attempt, String path) {
    }

    /** Adds an event's rows. */
    void add(Event event) {
        events++;
        if (event instanceof RunCreated e) {
            row(Statement.RUN_CREATED, Tuple.tuple().addString(e.run()).addString(e.ts()).addString(e.tree())
                    .addString(e.ref()).addString(json(e.plans())).addString(json(e.context()))
                    .addInteger(e.tests()).addString(e.pool()).addString(json(e.suts()))
                    .addString(json(e.policy())).addString(json(e.knownIssues())));
        } else if (event instanceof TestPending e) {
            row(Statement.TEST_PENDING, Tuple.tuple().addString(e.run()).addString(e.plan()).addString(e.test())
                    .addInteger(e.serial()).addLong(e.expectedMs()).addBoolean(e.destructive()));
        } else if (event instanceof TestStarted e) {
            row(Statement.ATTEMPT_STARTED, Tuple.tuple().addString(e.run()).addString(e.plan()).addString(e.test())
                    .addInteger(e.attempt()).addString(e.sut()).addString(e.worker()).addString(e.ts()));
            row(Statement.TEST_RUNNING, Tuple.tuple().addString(e.run()).addString(e.plan()).addString(e.test())
                    .addInteger(e.attempt()));
        } else if (event instanceof TestResult e) {
            JsonNode result = e.result();
            row(Statement.RESULT, Tuple.tuple().addString(e.run()).addString(e.plan()).addString(e.test())
                    .addInteger(e.attempt()).addLong(e.seq()).addString(e.ts())
                    .addString(text(result, "status")).addString(text(result, "name")).addString(json(result)));
        } else if (event instanceof TestFinished e) {
            row(Statement.ATTEMPT_FINISHED, Tuple.tuple().addString(e.run()).addString(e.plan()).addString(e.test())
                    .addInteger(e.attempt()).addString(e.ts()).addString(e.status()).addString(e.failureClass())
                    .addString(e.reason()).addInteger(e.exitCode()).addLong(e.durationMs()).addInteger(e.restarts())
                    .addInteger(e.reboots()));
        } else if (event instanceof JobFinished e) {
            row(Statement.JOB_FINISHED, Tuple.tuple().addString(e.run()).addString(e.job()).addString(e.kind())
                    .addString(e.sut()).addString(e.plan()).addString(e.test()).addInteger(e.attempt())
                    .addString(e.status()).addString(e.failureClass()).addString(e.reason()).addString(e.worker())
                    .addString(e.ts()));
        } else if (event instanceof SutState e) {
            row(Statement.SUT_STATE, Tuple.tuple().addString(e.run()).addLong(e.seq()).addString(e.ts())
                    .addString(e.sut()).addString(e.address()).addString(e.state()).addString(e.reason()));
        } else if (event instanceof TestVerdict e) {
            row(Statement.TEST_VERDICT, Tuple.tuple().addString(e.run()).addString(e.plan()).addString(e.test())
                    .addString(e.status()).addInteger(e.attempt()).addString(e.failureClass()).addString(e.reason())
                    .addBoolean(e.flaky()).addString(e.knownIssue()).addLong(e.seq()).addString(e.ts()));
        } else if (event instanceof RunCancelled e && e.test() == null) {
            row(Statement.RUN_CANCELLED, Tuple.tuple().addString(e.run()).addString(e.reason()));
        } else if (event instanceof RunFinished e) {
            row(Statement.RUN_FINISHED, Tuple.tuple().addString(e.run()).addString(e.ts()).addInteger(e.passed())
                    .addInteger(e.failed()).addInteger(e.errored()).addInteger(e.skipped())
                    .addInteger(e.infrastructure()).addInteger(e.exitCode()));
        }
    }

    /** How many events were added. */
    int events() {
        return events;
    }

    /** Runs the batch's statements on a connection inside a transaction. */
    Future<Void> write(SqlConnection conn) {
        artifactEnds.forEach((file, end) -> row(Statement.ARTIFACT, Tuple.tuple().addString(file.run())
                .addString(file.plan()).addString(file.test()).addInteger(file.attempt()).addString(file.path())
                .addLong(end)));
        artifactEnds.clear();
        Future<Void> chain = Future.succeededFuture();
        for (Statement statement : Statement.values()) {
            List<Tuple> tuples = rows.get(statement);
            if (tuples != null) {
                chain = chain.compose(v -> conn.preparedQuery(statement.sql).executeBatch(tuples)).mapEmpty();
            }
        }
        return chain;
    }

    private void row(Statement statement, Tuple tuple) {
        rows.computeIfAbsent(statement, s -> new ArrayList<>()).add(tuple);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }
}
