package io.drover.farm;

import static io.drover.farm.FarmFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.event.Event;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.TestVerdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The farm's promise: a run of 500 tests on 20 SUTs through 3 worker processes finishes with exactly one
 * final outcome per test although one worker is killed with SIGKILL and the coordinator is restarted while
 * it runs; the killed worker's tests are re-attached, not run again.
 */
class FarmResilienceTest {
    private static final int TESTS = 500;

    @TempDir
    Path temp;

    @Test
    void fiveHundredTestsSurviveAKilledWorkerAndARestartedCoordinator() throws Exception {
        Map<String, String> tests = new LinkedHashMap<>();
        for (int i = 1; i <= TESTS; i++) {
            tests.put(String.format("/t%03d", i), "test: sleep 0.%d; echo output of %d\n".formatted(3 + i % 5, i));
        }
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/all", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                tests);
        try (FarmFixture farm = new FarmFixture(20)) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            for (int i = 1; i <= 3; i++) {
                farm.startWorkerProcess("p" + i, 20);
            }
            AtomicInteger done = new AtomicInteger();
            CountDownLatch killTime = new CountDownLatch(1);
            CountDownLatch restartTime = new CountDownLatch(1);
            CompletableFuture<List<Event>> events = farm.follow(farm.submit(tree, RunPolicy.DEFAULT), e -> {
                if (e instanceof TestVerdict) {
                    int n = done.incrementAndGet();
                    if (n == 100) {
                        killTime.countDown();
                    } else if (n == 250) {
                        restartTime.countDown();
                    }
                }
            });
            while (!killTime.await(1, TimeUnit.SECONDS)) {
                assertThat(farm.processes).as("worker processes").allMatch(Process::isAlive);
            }
            farm.processes.get(0).destroyForcibly().waitFor();
            long killed = System.nanoTime();
            assertThat(restartTime.await(5, TimeUnit.MINUTES)).as("250 tests done").isTrue();
            farm.coordinator.close();
            farm.startCoordinator();
            List<Event> all = events.get(5, TimeUnit.MINUTES);
            while (farm.log.stream().noneMatch(line -> line.startsWith("drover: worker p1 silent for"))
                    && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(200);
            }
            assertThat(farm.log).as("the coordinator noticed the killed worker within 30 s")
                    .anyMatch(line -> line.startsWith("drover: worker p1 silent for"));

            List<TestVerdict> verdicts = only(all, TestVerdict.class);
            Map<Integer, Long> perTest = verdicts.stream()
                    .collect(Collectors.groupingBy(TestVerdict::serial, Collectors.counting()));
            assertThat(perTest).hasSize(TESTS);
            assertThat(perTest.values()).as("one final outcome per test").allMatch(n -> n == 1);
            assertThat(verdicts).as("every test passed")
                    .allSatisfy(v -> assertThat(v.status()).as(v.test() + ": " + v.reason()).isEqualTo("pass"));
            assertThat(verdicts).as("nothing ran twice").allSatisfy(v -> assertThat(v.attempt()).as(v.test()).isEqualTo(1));
            assertThat(only(all, RunFinished.class)).singleElement().satisfies(f -> {
                assertThat(f.passed()).isEqualTo(TESTS);
                assertThat(f.exitCode()).isZero();
            });
            farm.passed();
        }
    }
}
