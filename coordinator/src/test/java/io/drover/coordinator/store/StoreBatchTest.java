package io.drover.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.event.Event;
import io.drover.event.IssueRule;
import io.drover.event.JobFinished;
import io.drover.event.RunCancelled;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.event.SutState;
import io.drover.event.TestFinished;
import io.drover.event.TestPending;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import io.drover.event.WorkerHeartbeat;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's tables against a real PostgreSQL: what events make, and that making it again changes nothing. */
class StoreBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TS = "2026-12-03T10:00:00.000Z";

    /** A run of two plans sharing a test name: a pass, a failure retried into a flaky pass, one never run. */
    static List<Event> run(String run) {
        List<Event> events = new ArrayList<>();
        events.add(new RunCreated(run, 1, TS, "/tree", null, List.of("/plans/a", "/plans/b"),
                Map.of("distro", List.of("fedora-41")), 3, "sim:2",
                List.of(new RunSut("s1", "ssh://root@h1", Map.of())), new RunPolicy(1, 1, 2),
                List.of(new IssueRule("k.yaml:1", "/t/.*", null, "oops", Map.of(), "BZ#1", null))));
        events.add(new TestPending(run, "/t/one", 1, 2, TS, "/plans/a", 1, 1000, false));
        events.add(new TestPending(run, "/t/one", 1, 3, TS, "/plans/b", 1, 1000, false));
        events.add(new TestPending(run, "/t/two", 1, 4, TS, "/plans/b", 2, 2000, true));
        events.add(new JobFinished(run, 1, TS, run + "/s1/1", "prepare", "s1", "/plans/a", null, 0, 0, "pass", null,
                "", "w1", List.of()));
        for (String plan : List.of("/plans/a", "/plans/b")) {
            events.add(new TestStarted(run, "/t/one", 1, 1, TS, plan, "s1", "w1"));
            ObjectNode result = JSON.createObjectNode().put("status", "pass").put("name", "/sub");
            events.add(new TestResult(run, "/t/one", 1, 2, TS, plan, result));
            String status = plan.equals("/plans/a") ? "pass" : "fail";
            events.add(new TestFinished(run, "/t/one", 1, 3, TS, plan, status,
                    status.equals("pass") ? null : "test", "exit code " + (status.equals("pass") ? 0 : 1),
                    status.equals("pass") ? 0 : 1, 1500, 0, 0));
        }
        events.add(new WorkerHeartbeat(null, 1, TS, "w1", 4, 1));
        events.add(new TestVerdict(run, "/t/one", 1, 5, TS, "/plans/a", 1, "pass", null, "exit code 0", false, null));
        events.add(new TestStarted(run, "/t/one", 2, 1, TS, "/plans/b", "s1", "w1"));
        events.add(new TestFinished(run, "/t/one", 2, 2, TS, "/plans/b", "pass", null, "exit code 0", 0, 900, 0, 0));
        events.add(new TestVerdict(run, "/t/one", 2, 6, TS, "/plans/b", 1, "pass", null, "exit code 0", true, null));
        events.add(new SutState(run, 7, TS, "s1", "ssh://root@h1", "broken", "connection refused"));
        events.add(new RunCancelled(run, 8, TS, null, null, "asked"));
        events.add(new TestVerdict(run, "/t/two", 0, 9, TS, "/plans/b", 2, "infra", "cancelled", "asked", false,
                null));
        events.add(new RunFinished(run, 10, TS, 2, 0, 0, 0, 1, 5));
        return events;
    }

    static void write(StoreDatabase db, List<Event> events) {
        StoreBatch batch = new StoreBatch();
        events.forEach(batch::add);
        db.pool().withTransaction(batch::write).await();
    }

    @Test
    void eventsMakeRowsAndMakingThemAgainInOtherBatchesChangesNothing() {
        List<Event> events = run("r1");
        try (StoreDatabase once = StoreDatabase.open(TestPostgres.newDatabase());
             StoreDatabase twice = StoreDatabase.open(TestPostgres.newDatabase())) {
            write(once, events);
            for (int i = 0; i < events.size(); i += 3) {
                write(twice, events.subList(i, Math.min(events.size(), i + 3)));
            }
            write(twice, events);
            write(twice, events.subList(4, 12));
            List<String> rows = TestPostgres.dump(once);
            assertThat(TestPostgres.dump(twice)).isEqualTo(rows);

            assertThat(once.pool().query("select plan, test, status, attempt, flaky, failure_class from tests "
                    + "order by plan, test").execute().await()).extracting(Row::deepToString).containsExactly(
                    "[/plans/a,/t/one,pass,1,false,null]", "[/plans/b,/t/one,pass,2,true,null]",
                    "[/plans/b,/t/two,infra,0,false,cancelled]");
            assertThat(once.pool().query("select run, exit_code, cancel_reason, known_issues->0->>'issue' from runs")
                    .execute().await()).extracting(Row::deepToString).containsExactly("[r1,5,asked,BZ#1]");
            assertThat(rows).filteredOn(r -> r.startsWith("attempts ")).hasSize(3);
            assertThat(rows).filteredOn(r -> r.startsWith("results ")).hasSize(2);
        }
    }

    @Test
    void resultPagesKeepTheirTextAndMergeLinesFromOtherBatches() {
        List<Event> results = new ArrayList<>();
        for (long seq = 2; seq < 200; seq++) { // pages 0 to 3
            results.add(new TestResult("r3", "/t/one", 1, seq, TS, "/plans/a",
                    JSON.createObjectNode().put("status", "pass").put("name", "/sub/" + seq)));
        }
        try (StoreDatabase once = StoreDatabase.open(TestPostgres.newDatabase());
             StoreDatabase split = StoreDatabase.open(TestPostgres.newDatabase())) {
            write(once, results);
            for (int i = 0; i < results.size(); i += 50) {
                write(split, results.subList(i, Math.min(results.size(), i + 50)));
            }
            String results3 = "select seq, name, result::text from results order by seq";
            assertThat(rows(split, results3)).hasSize(198).isEqualTo(rows(once, results3));
            assertThat(TestPostgres.dump(split)).isEqualTo(TestPostgres.dump(once));

            String pages = "select page, lines::text from result_pages order by page";
            List<String> asWritten = rows(once, pages);
            assertThat(asWritten.get(1)).startsWith("[1,{\"64\":{\"at\":");
            List<String> merged = rows(split, pages);
            write(once, results.subList(10, 150));
            write(split, results);
            assertThat(rows(once, pages)).isEqualTo(asWritten);
            assertThat(rows(split, pages)).isEqualTo(merged);
        }
    }

    private static List<String> rows(StoreDatabase db, String sql) {
        List<String> rows = new ArrayList<>();
        db.pool().query(sql).execute().await().forEach(row -> rows.add(row.deepToString()));
        return rows;
    }

    @Test
    void aTestShowsPendingThenRunningUntilItsVerdict() {
        List<Event> events = run("r2");
        try (StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase())) {
            write(db, events.subList(0, 4));
            assertThat(statuses(db, "r2")).containsExactly("pending 0", "pending 0", "pending 0");
            write(db, events.subList(4, 6));
            assertThat(statuses(db, "r2")).containsExactly("running 1", "pending 0", "pending 0");
            write(db, events.subList(6, 13));
            assertThat(statuses(db, "r2")).containsExactly("pass 1", "running 1", "pending 0");
        }
    }

    private static List<String> statuses(StoreDatabase db, String run) {
        List<String> statuses = new ArrayList<>();
        try (RunTests tests = new StoreReader(db).tests(run)) {
            tests.forEachRemaining(test -> statuses.add(test.status() + " " + test.attempt()));
        }
        return statuses;
    }

    @Test
    void migrationsApplyOnce() {
        String url = TestPostgres.newDatabase();
        try (StoreDatabase db = StoreDatabase.open(url)) {
            assertThat(Migrations.apply(db.pool())).isEmpty();
            assertThat(db.pool().query("select version, name from schema_migrations").execute().await())
                    .extracting(Row::deepToString).containsExactly("[1,001-results.sql]", "[2,002-c-collation.sql]",
                    "[3,003-json-result-pages.sql]", "[4,004-tests-fillfactor.sql]");
        }
    }

    @Test
    void aDatabaseOfANewerDroverIsRefused() {
        String url = TestPostgres.newDatabase();
        try (StoreDatabase db = StoreDatabase.open(url)) {
            db.pool().query("insert into schema_migrations values (99, '099-future.sql')").execute().await();
        }
        assertThatThrownBy(() -> StoreDatabase.open(url)).isInstanceOf(StoreException.class)
                .hasMessageEndingWith(": the database's schema is version 99, newer than this Drover knows (4): "
                        + "upgrade Drover");
    }

    @Test
    void aDatabaseOfVersionOneKeepsItsRowsAndComparesKeysAsBytes() {
        String url = TestPostgres.newDatabase();
        Vertx vertx = Vertx.vertx();
        Pool raw = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
        try {
            raw.withTransaction(conn -> conn.query(Migrations.read("001-results.sql")).execute()
                    .compose(v -> conn.query("""
                            create table schema_migrations (version integer primary key, name text not null);
                            insert into schema_migrations values (1, '001-results.sql');
                            insert into runs (run, created_at, tree, plans, context, tests, pool, suts, known_issues)
                            values ('r1', now(), '/t', '[]', '{}', 1, 'sim:1', '[]', '[]');
                            insert into tests (run, plan, test, serial, status) values ('r1', '/p', '/t/a', 1, 'pending')
                            """).execute())).await();
        } finally {
            raw.close().await();
            vertx.close().await();
        }
        try (StoreDatabase db = StoreDatabase.open(url)) {
            assertThat(db.pool().query("select run, plan, test, status from tests").execute().await())
                    .extracting(Row::deepToString).containsExactly("[r1,/p,/t/a,pending]");
            assertThat(db.pool().query("select distinct collation_name from information_schema.columns "
                    + "where table_name in ('tests', 'attempts', 'result_pages') and column_name in ('run', 'test')")
                    .execute().await()).extracting(Row::deepToString).containsExactly("[C]");
        }
    }
}
