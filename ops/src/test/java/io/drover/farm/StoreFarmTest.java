package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.TestPostgres;
import io.drover.event.RunPolicy;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result store in a farm: a real broker, coordinator, worker, simulated SUTs and PostgreSQL. */
class StoreFarmTest {
    private static final String PLAN = "discover: {how: fmf}\nexecute: {how: tmt}\n";

    @TempDir
    Path temp;

    static EventStore store(FarmFixture farm, StoreDatabase db, Path results, String group) {
        return EventStore.start(new EventStore.Config(farm.bootstrap, Map.of(), farm.topics, results, true,
                farm.log::add, group), db);
    }

    @Test
    void aRunIsStoredWithItsOutputAndStoringItsEventsAgainLeavesIdenticalTables() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", PLAN), Map.of(
                "/hello", "test: echo hello; echo world\n",
                "/broken", "test: echo broken >&2; exit 1\n",
                "/subs", "test: |\n    tmt-report-result /first PASS\n    tmt-report-result /second FAIL\n"
                        + "    echo uploaded > up.log\n    tmt-file-submit -l up.log\n"));
        try (FarmFixture farm = new FarmFixture(2);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             StoreDatabase replayed = StoreDatabase.open(TestPostgres.newDatabase())) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            farm.startWorker("w1", 4, Duration.ofSeconds(3));
            try (EventStore store = store(farm, db, temp.resolve("results"), null)) {
                FarmFixture.Submitted run = farm.submit(tree, RunPolicy.DEFAULT);
                farm.follow(run, e -> { }).get(120, TimeUnit.SECONDS);
                assertThat(store.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();

                assertThat(db.pool().query("select test, status, attempt, failure_class from tests order by test")
                        .execute().await()).extracting(Row::deepToString).containsExactly(
                        "[/tests/broken,fail,1,test]", "[/tests/hello,pass,1,null]", "[/tests/subs,fail,1,test]");
                assertThat(db.pool().query("select test, name, status from results order by test, seq").execute()
                        .await()).extracting(Row::deepToString)
                        .contains("[/tests/subs,first,pass]", "[/tests/subs,second,fail]");
                assertThat(db.pool().query("select exit_code, passed, failed from runs").execute().await())
                        .extracting(Row::deepToString).containsExactly("[1,1,2]");
                Path output = temp.resolve("results").resolve(run.run())
                        .resolve("plans/a/tests/hello/attempt-1/files/output.txt");
                assertThat(output).hasContent("hello\nworld\n");
                assertThat(db.pool().query("select path, size from artifacts where test = '/tests/hello'").execute()
                        .await()).extracting(Row::deepToString)
                        .containsExactly("[plans/a/tests/hello/attempt-1/files/output.txt,12]",
                                "[plans/a/tests/hello/attempt-1/results," + Files.size(output.getParent()
                                        .resolveSibling("results")) + "]");
                // what a test uploads, and its results, reach the store's results too
                Path subs = temp.resolve("results").resolve(run.run()).resolve("plans/a/tests/subs/attempt-1");
                try (Stream<Path> files = Files.walk(subs)) {
                    assertThat(files.filter(Files::isRegularFile).map(f -> subs.relativize(f).toString()))
                            .contains("results").anyMatch(f -> f.endsWith("up.log"));
                }
                try (Stream<Path> files = Files.walk(subs)) {
                    Path uploaded = files.filter(f -> f.toString().endsWith("up.log")).findFirst().orElseThrow();
                    assertThat(uploaded).hasContent("uploaded\n");
                }
            }
            // the whole topics again, twice, by stores of their own groups
            for (String group : List.of("replay-1", "replay-2")) {
                try (EventStore again = store(farm, replayed, temp.resolve("replayed"), farm.topics.namespace()
                        + "-" + group)) {
                    assertThat(again.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
                }
                assertThat(TestPostgres.dump(replayed)).isEqualTo(TestPostgres.dump(db));
            }
            farm.passed();
        }
    }
}
