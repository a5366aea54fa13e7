package io.drover.farm;

import static io.drover.farm.FarmFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coordinator.farm.Coordinator;
import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.EventSchemas;
import io.drover.event.JobFinished;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import io.drover.job.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The farm end to end: a real broker, the coordinator, workers in this JVM and simulated SUTs over SSH. */
class FarmTest {
    @TempDir
    Path temp;

    @Test
    void destructiveTestsNeverShareASutAndPrepareRunsOncePerSutPerPlan() throws Exception {
        Map<String, String> tests = new LinkedHashMap<>();
        for (int i = 1; i <= 12; i++) {
            tests.put("/t" + i, "test: sleep 0.2; echo test " + i + "\n" + (i % 6 == 0 ? "tag: [destructive]\n" : ""));
        }
        String plan = """
                discover: {how: fmf}
                prepare: {how: shell, script: echo prepared}
                execute: {how: tmt}
                """;
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", plan, "/b", plan), tests);
        try (FarmFixture farm = new FarmFixture(6)) {
            farm.startCoordinator();
            farm.startWorker("w1", 10, Duration.ofSeconds(5));
            farm.startWorker("w2", 10, Duration.ofSeconds(5));
            List<Event> events = farm.follow(farm.submit(tree, RunPolicy.DEFAULT), e -> { })
                    .get(3, TimeUnit.MINUTES);
            // what the producers wrote fits the schema files, and so does each event written again
            farm.eventLines.forEach(EventSchemas::assertFits);
            events.forEach(event -> EventSchemas.assertFits(EventCodec.write(event)));

            List<TestVerdict> verdicts = only(events, TestVerdict.class);
            assertThat(verdicts).hasSize(24).allMatch(v -> "pass".equals(v.status()), "all passed");
            assertThat(only(events, RunFinished.class)).singleElement()
                    .satisfies(f -> assertThat(f.exitCode()).isZero());
            // a job delivered again after its partition moved ends with the same event: consumers keep the first
            Set<String> seen = new HashSet<>();
            List<JobFinished> jobs = only(events, JobFinished.class).stream().filter(j -> seen.add(j.job())).toList();
            Map<String, Long> prepares = jobs.stream().filter(j -> Job.PREPARE.equals(j.kind()))
                    .collect(Collectors.groupingBy(j -> j.sut() + " " + j.plan(), Collectors.counting()));
            assertThat(prepares.values()).as("prepares per SUT and plan").allMatch(n -> n == 1);
            // after a destructive test, its SUT takes nothing but its release
            Map<String, Boolean> retired = new HashMap<>();
            Set<String> destructive = new HashSet<>(List.of("/tests/t6", "/tests/t12"));
            for (JobFinished job : jobs) {
                assertThat(retired.getOrDefault(job.sut(), false) && !Job.RELEASE.equals(job.kind()))
                        .as("%s ran %s after a destructive test: %s", job.sut(), job, jobs.stream()
                                .filter(j -> j.sut().equals(job.sut())).toList()).isFalse();
                if (Job.TEST.equals(job.kind()) && destructive.contains(job.test())) {
                    retired.put(job.sut(), true);
                }
            }
        }
    }

    @Test
    void cancellingARunStopsItsRunningTestsWithinTheGracePeriod() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/sleepy", "test: sleep 300\n", "/sleepier", "test: sleep 300\n", "/later", "test: echo later\nduration: 1m\n"));
        try (FarmFixture farm = new FarmFixture(2)) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            farm.startWorker("w1", 10, Duration.ofSeconds(3));
            FarmFixture.Submitted run = farm.submit(tree, RunPolicy.DEFAULT);
            CountDownLatch bothStarted = new CountDownLatch(2);
            var events = farm.follow(run, e -> {
                if (e instanceof TestStarted) {
                    bothStarted.countDown();
                }
            });
            assertThat(bothStarted.await(60, TimeUnit.SECONDS)).isTrue();
            long asked = System.nanoTime();
            farm.submitter.cancel(run.run(), null, null, "enough");
            List<Event> all = events.get(60, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - asked);

            assertThat(took).isLessThan(Duration.ofSeconds(3 + 10));
            assertThat(only(all, TestVerdict.class)).hasSize(3)
                    .allMatch(v -> "cancelled".equals(v.failureClass()), "all cancelled");
            farm.passed();
        }
    }

    @Test
    void aSecondCoordinatorTakesTheFarmOverAndTheFirstStopsWithoutPublishingAgain() throws Exception {
        Map<String, String> tests = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            tests.put("/t" + i, "test: sleep 0.3\n");
        }
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                tests);
        try (FarmFixture farm = new FarmFixture(2)) {
            farm.dumpLogsOnFailure();
            Coordinator first = farm.startCoordinator();
            farm.startWorker("w1", 4, Duration.ofSeconds(3));
            CountDownLatch started = new CountDownLatch(1);
            var events = farm.follow(farm.submit(tree, RunPolicy.DEFAULT), e -> {
                if (e instanceof TestStarted) {
                    started.countDown();
                }
            });
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            Coordinator second = farm.startCoordinator();
            List<Event> all = events.get(2, TimeUnit.MINUTES);

            assertThat(only(all, TestVerdict.class)).extracting(TestVerdict::test).as("one verdict per test")
                    .hasSize(8).doesNotHaveDuplicates();
            assertThat(only(all, RunFinished.class)).singleElement()
                    .satisfies(f -> assertThat(f.exitCode()).isZero());
            assertThat(second.failed()).isNull();
            for (int i = 0; i < 100 && first.failed() == null; i++) {
                Thread.sleep(100);
            }
            assertThat(first.failed()).as("the first coordinator stops at its next batch").isNotNull()
                    .hasMessageContaining("another coordinator started on this farm");
            first.close();
            farm.passed();
        }
    }
}
