package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.bench.PassingRun;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.TestPostgres;
import io.drover.event.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover store} killed with SIGKILL in the middle of its work, then started again, against real parts. */
class StoreKillTest {
    private static final int RUNS = 20;
    private static final int TESTS = 400;
    private static final int RESULTS = 3;

    @TempDir
    Path temp;

    private Process startStore(FarmFixture farm, String db) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, "io.drover.cli.Drover", "store", "--kafka", farm.bootstrap, "--namespace",
                farm.topics.namespace(), "--db", db, "--results", temp.resolve("results").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(temp.resolve("store.log")
                        .toFile())).start();
    }

    private static long count(StoreDatabase db, String table) {
        return db.pool().query("select count(*) from " + table).execute().await().iterator().next().getLong(0);
    }

    @Test
    void aStoreKilledMidBatchAndStartedAgainLosesAndDuplicatesNothing() throws Exception {
        String url = TestPostgres.newDatabase();
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(url);
             StoreDatabase clean = StoreDatabase.open(TestPostgres.newDatabase())) {
            FarmClients.ensureTopics(farm.bootstrap, Map.of(), farm.topics, 4);
            // once the new topic has leaders: batches sent before are refused and retried out of order
            farm.producer.send(new ProducerRecord<>(farm.topics.events(), "warm-up", "not an event")).get();
            for (int r = 0; r < RUNS; r++) {
                String run = "run-" + r;
                PassingRun.events(run, TESTS, RESULTS, event -> farm.producer.send(
                        new ProducerRecord<>(farm.topics.events(), run, EventCodec.write(event))));
            }
            farm.producer.flush();
            long results = (long) RUNS * TESTS * RESULTS;

            Process first = startStore(farm, url);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long before = 0;
            while (before == 0 && System.nanoTime() < deadline) {
                before = count(db, "results");
                Thread.sleep(10);
            }
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long atKill = count(db, "results");
            assertThat(atKill).as("killed in the middle").isBetween(1L, results - 1);

            Process second = startStore(farm, url);
            try {
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (count(db, "tests where verdict_seq is not null") < (long) RUNS * TESTS
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                second.destroy();
                if (!second.waitFor(10, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
            try (EventStore replay = EventStore.start(new EventStore.Config(farm.bootstrap, Map.of(), farm.topics,
                    temp.resolve("clean"), true, farm.log::add, farm.topics.namespace() + "-clean"), clean)) {
                assertThat(replay.awaitCaughtUp(Duration.ofSeconds(120))).isTrue();
            }
            assertThat(count(db, "results")).isEqualTo(results);
            assertThat(TestPostgres.dump(db)).isEqualTo(TestPostgres.dump(clean));
        }
    }
}
