package io.drover.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.export.ExportRun;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the result store: runs, newest first. */
public final class StoreReader {
    private static final String SUMMARY = """
            select r.run, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), r.tree, r.ref, r.tests,
                   count(t.verdict_seq)::int,
                   count(*) filter (where v.kind = 'pass')::int,
                   count(*) filter (where v.kind = 'fail')::int,
                   count(*) filter (where v.kind = 'error')::int,
                   count(*) filter (where v.kind = 'skip')::int,
                   count(*) filter (where v.kind = 'infra')::int,
                   r.exit_code
            from runs r left join tests t on t.run = r.run
            -- as io.drover.result.RunTally counts verdicts
            left join lateral (select case
                when t.verdict_seq is null then null
                when t.failure_class is null then case when t.status = 'skip' then 'skip' else 'pass' end
                when t.failure_class in ('sut-lost', 'sut-setup', 'protocol', 'worker-lost') then 'infra'
                when t.failure_class = 'test' and t.status in ('fail', 'warn') then 'fail'
                else 'error' end as kind) v on true
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoreDatabase database;

    public StoreReader(StoreDatabase database) {
        this.database = database;
    }

    /** The newest {@code limit} runs, newest first, with their counts so far. */
    public List<RunSummary> runs(int limit) {
        List<RunSummary> runs = new ArrayList<>();
        for (Row row : database.await(database.pool().preparedQuery(SUMMARY
                + " group by r.run order by r.created_at desc, r.run desc limit $1").execute(Tuple.of(limit)))) {
            runs.add(summary(row));
        }
        return runs;
    }

    /** One run, if the store has it. */
    public Optional<RunSummary> run(String run) {
        for (Row row : database.await(database.pool().preparedQuery(SUMMARY + " where r.run = $1 group by r.run")
                .execute(Tuple.of(run)))) {
            return Optional.of(summary(row));
        }
        return Optional.empty();
    }

    /** The newest run's id, if the store has any. */
    public Optional<String> lastRun() {
        return runs(1).stream().map(RunSummary::run).findFirst();
    }

    /** A run as exports show it, if the store has it. */
    public Optional<ExportRun> exportRun(String run) {
        Optional<RunSummary> summary = run(run);
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        RunSummary s = summary.get();
        Row context = database.await(database.pool().preparedQuery("select context::text from runs where run = $1")
                .execute(Tuple.of(run))).iterator().next();
        return Optional.of(new ExportRun(s.run(), s.createdAt(), s.finishedAt(), s.tree(), s.ref(),
                context(context.getString(0)), s.tests(), s.passed(), s.failed(), s.errored(), s.skipped(),
                s.infrastructure()));
    }

    /** A test of a run in one of its plans, and the attempt that counts: the verdict's, else the newest. */
    public record TestAttempt(String plan, String test, int attempt) {
    }

    /** The test's attempt in each plan of the run that has the test (in {@code plan} only, when not null). */
    public List<TestAttempt> attempts(String run, String test, String plan) {
        List<TestAttempt> found = new ArrayList<>();
        for (Row row : database.await(database.pool().preparedQuery("""
                select t.plan, t.test, case when t.verdict_seq is not null then t.attempt
                       else coalesce((select max(a.attempt) from attempts a
                                      where a.run = t.run and a.plan = t.plan and a.test = t.test), 0) end
                from tests t where t.run = $1 and t.test = $2 and ($3::text is null or t.plan = $3)
                order by t.plan""").execute(Tuple.of(run, test, plan)))) {
            found.add(new TestAttempt(row.getString(0), row.getString(1), row.getInteger(2)));
        }
        return found;
    }

    /** A run's tests, streamed; close what it gives. */
    public RunTests tests(String run) {
        return RunTests.open(database, run);
    }

    private static Map<String, List<String>> context(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store holds a context that is not JSON: " + e.getMessage(), e);
        }
    }

    private static RunSummary summary(Row row) {
        return new RunSummary(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getInteger(5), row.getInteger(6), row.getInteger(7), row.getInteger(8),
                row.getInteger(9), row.getInteger(10), row.getInteger(11), row.getInteger(12));
    }
}
