package io.drover.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows a batch of events makes, written in one transaction. Every statement is an insert that does nothing on a
 * row it already has, or an upsert or update that sets only what its event says; an update that an earlier event
 * must precede runs after the inserts of the same batch. So writing a batch again, or the events again in any
 * batches, leaves the same tables. Events the store has no table for (heartbeats) are skipped.
 */
final class StoreBatch {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Results are stored in pages of this many by seq: one row, and one index entry, per page. */
    static final int RESULTS_PER_PAGE = 64;

    /**
     * Statements in the order they run. Each takes all its rows at once, as one array per column unnested into
     * {@code v} (a few statements per batch instead of one per event). Rows with the same key in one batch are
     * written once: the first for an insert that does nothing on a conflict (the same event again), the last for an
     * upsert or update (PostgreSQL refuses to change a row twice in one statement).
     */
    private enum Statement {
        RUN_CREATED("run text, created_at text, tree text, ref text, plans text, context text, tests int, pool text, "
                + "suts text, policy text, known_issues text", 1, Merge.FIRST, """
                insert into runs (run, created_at, tree, ref, plans, context, tests, pool, suts, policy, known_issues)
                select run, created_at::timestamptz, tree, ref, plans::jsonb, context::jsonb, tests, pool, suts::jsonb,
                       policy::jsonb, known_issues::jsonb from %s
                on conflict (run) do nothing"""),
        TEST_PENDING("run text, plan text, test text, serial int, expected_ms bigint, destructive boolean", 3,
                Merge.FIRST, """
                insert into tests (run, plan, test, serial, expected_ms, destructive, status)
                select run, plan, test, serial, expected_ms, destructive, 'pending' from %s
                on conflict (run, plan, test) do nothing"""),
        // an attempt's start and end, each setting its own columns: rows with only one of them have the other's null
        ATTEMPT("run text, plan text, test text, attempt int, sut text, worker text, started_at text, "
                + "finished_at text, status text, failure_class text, reason text, exit_code int, duration_ms bigint, "
                + "restarts int, reboots int", 4, Merge.ATTEMPT_PARTS, """
                insert into attempts (run, plan, test, attempt, sut, worker, started_at, finished_at, status,
                                      failure_class, reason, exit_code, duration_ms, restarts, reboots)
                select run, plan, test, attempt, sut, worker, started_at::timestamptz, finished_at::timestamptz, status,
                       failure_class, reason, exit_code, duration_ms, restarts, reboots from %s
                on conflict (run, plan, test, attempt) do update set
                    sut = case when excluded.started_at is null then attempts.sut else excluded.sut end,
                    worker = case when excluded.started_at is null then attempts.worker else excluded.worker end,
                    started_at = coalesce(excluded.started_at, attempts.started_at),
                    finished_at = coalesce(excluded.finished_at, attempts.finished_at),
                    status = case when excluded.finished_at is null then attempts.status else excluded.status end,
                    failure_class = case when excluded.finished_at is null then attempts.failure_class
                                         else excluded.failure_class end,
                    reason = case when excluded.finished_at is null then attempts.reason else excluded.reason end,
                    exit_code = case when excluded.finished_at is null then attempts.exit_code
                                     else excluded.exit_code end,
                    duration_ms = coalesce(excluded.duration_ms, attempts.duration_ms),
                    restarts = coalesce(excluded.restarts, attempts.restarts),
                    reboots = coalesce(excluded.reboots, attempts.reboots)"""),
        // a page of an attempt's results, kept as written: merging lines it already has changes nothing
        RESULT_PAGE("run text, plan text, test text, attempt int, page int, lines text", 5, Merge.RESULT_LINES, """
                insert into result_pages (run, plan, test, attempt, page, lines)
                select run, plan, test, attempt, page, lines::json from %s
                on conflict (run, plan, test, attempt, page) do update
                set lines = (result_pages.lines::jsonb || excluded.lines::jsonb)::json
                where not result_pages.lines::jsonb @> excluded.lines::jsonb"""),
        JOB_FINISHED("run text, job text, kind text, sut text, plan text, test text, attempt int, status text, "
                + "failure_class text, reason text, worker text, ended_at text", 2, Merge.FIRST, """
                insert into jobs (run, job, kind, sut, plan, test, attempt, status, failure_class, reason, worker,
                                  ended_at)
                select run, job, kind, sut, plan, test, attempt, status, failure_class, reason, worker,
                       ended_at::timestamptz from %s
                on conflict (run, job) do nothing"""),
        SUT_STATE("run text, seq bigint, at text, sut text, address text, state text, reason text", 2, Merge.FIRST, """
                insert into sut_states (run, seq, at, sut, address, state, reason)
                select run, seq, at::timestamptz, sut, address, state, reason from %s
                on conflict (run, seq) do nothing"""),
        TEST_VERDICT("run text, plan text, test text, status text, attempt int, failure_class text, reason text, "
                + "flaky boolean, known_issue text, verdict_seq bigint, verdict_at text", 3, Merge.LAST, """
                update tests t set status = v.status, attempt = v.attempt, failure_class = v.failure_class,
                                   reason = v.reason, flaky = v.flaky, known_issue = v.known_issue,
                                   verdict_seq = v.verdict_seq, verdict_at = v.verdict_at::timestamptz
                from %s
                where t.run = v.run and t.plan = v.plan and t.test = v.test"""),
        ARTIFACT("run text, plan text, test text, attempt int, path text, size bigint", 5, Merge.LAST, """
                insert into artifacts (run, plan, test, attempt, path, size)
                select run, plan, test, attempt, path, size from %s
                on conflict (run, plan, test, attempt, path) do update
                set size = greatest(artifacts.size, excluded.size)"""),
        RUN_CANCELLED("run text, reason text", 1, Merge.FIRST, """
                update runs r set cancel_reason = v.reason from %s
                where r.run = v.run and r.cancel_reason is null"""),
        RUN_FINISHED("run text, finished_at text, passed int, failed int, errored int, skipped int, "
                + "infrastructure int, exit_code int", 1, Merge.LAST, """
                update runs r set finished_at = v.finished_at::timestamptz, passed = v.passed, failed = v.failed,
                                  errored = v.errored, skipped = v.skipped, infrastructure = v.infrastructure,
                                  exit_code = v.exit_code
                from %s
                where r.run = v.run""");

        private final String[] types;
        private final int keyColumns;
        private final Merge merge;
        private final String sql;

        Statement(String columns, int keyColumns, Merge merge, String sql) {
            String[] names = columns.split(", ");
            this.types = new String[names.length];
            StringBuilder arrays = new StringBuilder("unnest(");
            StringBuilder aliases = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                String[] nameAndType = names[i].split(" ");
                types[i] = nameAndType[1];
                arrays.append(i == 0 ? "" : ", ").append('$').append(i + 1).append("::").append(types[i]).append("[]");
                aliases.append(i == 0 ? "" : ", ").append(nameAndType[0]);
            }
            this.keyColumns = keyColumns;
            this.merge = merge;
            this.sql = sql.formatted(arrays + ") as v(" + aliases + ")");
        }

        /** The rows as one array per column. */
        Tuple arrays(java.util.Collection<Object[]> rows) {
            Tuple tuple = Tuple.tuple();
            for (int c = 0; c < types.length; c++) {
                int column = c;
                switch (types[c]) {
                    case "text" -> tuple.addArrayOfString(rows.stream()
                            .map(r -> r[column] == null ? null : r[column].toString()).toArray(String[]::new));
                    case "int" -> tuple.addArrayOfInteger(rows.stream().map(r -> (Integer) r[column])
                            .toArray(Integer[]::new));
                    case "bigint" -> tuple.addArrayOfLong(rows.stream().map(r -> (Long) r[column])
                            .toArray(Long[]::new));
                    case "boolean" -> tuple.addArrayOfBoolean(rows.stream().map(r -> (Boolean) r[column])
                            .toArray(Boolean[]::new));
                    default -> throw new IllegalStateException("no arrays of " + types[c]);
                }
            }
            return tuple;
        }

        /** The key of a row, for rows written once per batch. */
        List<Object> key(Object[] row) {
            return Arrays.asList(row).subList(0, keyColumns);
        }
    }

    /** How two rows with the same key in one batch become one. */
    private enum Merge {
        /** The same event again: the first stays. */
        FIRST {
            @Override
            Object[] apply(Object[] first, Object[] then) {
                return first;
            }
        },
        /** A newer state of the row: the last wins. */
        LAST {
            @Override
            Object[] apply(Object[] first, Object[] then) {
                return then;
            }
        },
        /** An attempt's start (columns 4-6) and end (7-14), each in the row that has it. */
        ATTEMPT_PARTS {
            @Override
            Object[] apply(Object[] first, Object[] then) {
                Object[] both = first.clone();
                if (then[6] != null) {
                    System.arraycopy(then, 4, both, 4, 3);
                }
                if (then[7] != null) {
                    System.arraycopy(then, 7, both, 7, 8);
                }
                return both;
            }
        },
        /** Result lines of one page: all of them. */
        RESULT_LINES {
            @Override
            Object[] apply(Object[] first, Object[] then) {
                ((PageLines) first[5]).putAll((PageLines) then[5]);
                return first;
            }
        };

        abstract Object[] apply(Object[] first, Object[] then);
    }

    /** Result lines by seq, as the JSON object a result page holds: {@code {"SEQ": {"at": TS, "result": {...}}}}. */
    private static final class PageLines extends TreeMap<Long, String> {
        @Override
        public String toString() {
            StringBuilder json = new StringBuilder("{");
            forEach((seq, line) -> json.append(json.length() > 1 ? "," : "").append('"').append(seq).append("\":")
                    .append(line));
            return json.append('}').toString();
        }
    }

    /** Per statement, its rows by key. */
    private final Map<Statement, Map<Object, Object[]>> rows = new EnumMap<>(Statement.class);
    /** Per file of an attempt, how far its chunks in this batch reach. */
    private final Map<AttemptFile, Long> artifactEnds = new LinkedHashMap<>();
    private final List<String> finishedRuns = new ArrayList<>();

    /** Adds a stored chunk of an attempt's file ({@code path} relative to the run's directory) to the index. */
    void add(OutputChunk chunk, String path) {
        artifactEnds.merge(new AttemptFile(chunk.run(), chunk.plan(), chunk.test(), chunk.attempt(), path),
                chunk.offset() + chunk.data().length, Math::max);
    }

    private record AttemptFile(String run, String plan, String test, int attempt, String path) {
    }

    /** Adds an event's rows. */
    void add(Event event) {
        if (event instanceof RunCreated e) {
            row(Statement.RUN_CREATED, e.run(), e.ts(), e.tree(), e.ref(), json(e.plans()), json(e.context()),
                    e.tests(), e.pool(), json(e.suts()), json(e.policy()), json(e.knownIssues()));
        } else if (event instanceof TestPending e) {
            row(Statement.TEST_PENDING, e.run(), e.plan(), e.test(), e.serial(), e.expectedMs(), e.destructive());
        } else if (event instanceof TestStarted e) {
            row(Statement.ATTEMPT, e.run(), e.plan(), e.test(), e.attempt(), e.sut(), e.worker(), e.ts(), null, null,
                    null, null, null, null, null, null);
        } else if (event instanceof TestResult e) {
            PageLines line = new PageLines();
            line.put(e.seq(), "{\"at\":" + json(e.ts()) + ",\"result\":" + e.result() + "}");
            row(Statement.RESULT_PAGE, e.run(), e.plan(), e.test(), e.attempt(), (int) (e.seq() / RESULTS_PER_PAGE),
                    line);
        } else if (event instanceof TestFinished e) {
            row(Statement.ATTEMPT, e.run(), e.plan(), e.test(), e.attempt(), null, null, null, e.ts(), e.status(),
                    e.failureClass(), e.reason(), e.exitCode(), e.durationMs(), e.restarts(), e.reboots());
        } else if (event instanceof JobFinished e) {
            row(Statement.JOB_FINISHED, e.run(), e.job(), e.kind(), e.sut(), e.plan(), e.test(), e.attempt(),
                    e.status(), e.failureClass(), e.reason(), e.worker(), e.ts());
        } else if (event instanceof SutState e) {
            row(Statement.SUT_STATE, e.run(), e.seq(), e.ts(), e.sut(), e.address(), e.state(), e.reason());
        } else if (event instanceof TestVerdict e) {
            row(Statement.TEST_VERDICT, e.run(), e.plan(), e.test(), e.status(), e.attempt(), e.failureClass(),
                    e.reason(), e.flaky(), e.knownIssue(), e.seq(), e.ts());
        } else if (event instanceof RunCancelled e && e.test() == null) {
            row(Statement.RUN_CANCELLED, e.run(), e.reason());
        } else if (event instanceof RunFinished e) {
            finishedRuns.add(e.run());
            row(Statement.RUN_FINISHED, e.run(), e.ts(), e.passed(), e.failed(), e.errored(), e.skipped(),
                    e.infrastructure(), e.exitCode());
        }
    }

    /** The runs whose {@code run.finished} is in this batch. */
    List<String> finishedRuns() {
        return finishedRuns;
    }

    /** Runs the batch's statements on a connection inside a transaction. */
    Future<Void> write(SqlConnection conn) {
        artifactEnds.forEach((file, end) -> row(Statement.ARTIFACT, file.run(), file.plan(), file.test(),
                file.attempt(), file.path(), end));
        artifactEnds.clear();
        Future<Void> chain = Future.succeededFuture();
        for (Statement statement : Statement.values()) {
            Map<Object, Object[]> byKey = rows.get(statement);
            if (byKey != null) {
                Tuple arrays = statement.arrays(byKey.values());
                chain = chain.compose(v -> conn.preparedQuery(statement.sql).execute(arrays)).mapEmpty();
            }
        }
        return chain;
    }

    private void row(Statement statement, Object... values) {
        rows.computeIfAbsent(statement, s -> new LinkedHashMap<>()).merge(statement.key(values), values,
                statement.merge::apply);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }
}
