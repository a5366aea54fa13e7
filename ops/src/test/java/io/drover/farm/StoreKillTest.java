package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.TestPostgres;
import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.event.TestFinished;
import io.drover.event.TestPending;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover store} killed with SIGKILL in the middle of its work, then started again, against real parts. */
class StoreKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TS = "2026-12-03T10:00:00.000Z";
    private static final int RUNS = 20;
    private static final int TESTS = 400;
    private static final int RESULTS = 3;

    @TempDir
    Path temp;

    /** A finished run of passing tests, each with its results. */
    private static List<Event> run(String run) {
        List<Event> events = new ArrayList<>();
        events.add(new RunCreated(run, 1, TS, "/tree", null, List.of("/plans/a"), Map.of(), TESTS, "sim:1",
                List.of(new RunSut("s1", "local", Map.of())), RunPolicy.DEFAULT, List.of()));
        for (int t = 1; t <= TESTS; t++) {
            events.add(new TestPending(run, "/t/" + t, 1, t + 1, TS, "/plans/a", t, 1000, false));
        }
        for (int t = 1; t <= TESTS; t++) {
            String test = "/t/" + t;
            events.add(new TestStarted(run, test, 1, 1, TS, "/plans/a", "s1", "w1"));
            for (int r = 1; r <= RESULTS; r++) {
                events.add(new TestResult(run, test, 1, r + 1, TS, "/plans/a",
                        JSON.createObjectNode().put("status", "pass").put("name", "sub-" + r)));
            }
            events.add(new TestFinished(run, test, 1, RESULTS + 2, TS, "/plans/a", "pass", null, "exit code 0", 0, 10,
                    0, 0));
            events.add(new TestVerdict(run, test, 1, TESTS + 1 + t, TS, "/plans/a", t, "pass", null, "exit code 0",
                    false, null));
        }
        events.add(new RunFinished(run, 2L * TESTS + 2, TS, TESTS, 0, 0, 0, 0, 0));
        return events;
    }

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
                for (Event event : run(run)) {
                    farm.producer.send(new ProducerRecord<>(farm.topics.events(), run, EventCodec.write(event)));
                }
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
