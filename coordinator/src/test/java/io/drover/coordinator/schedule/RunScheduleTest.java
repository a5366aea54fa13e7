package io.drover.coordinator.schedule;

import static io.drover.result.FailureClass.CANCELLED;
import static io.drover.result.FailureClass.PROTOCOL;
import static io.drover.result.FailureClass.SUT_LOST;
import static io.drover.result.FailureClass.SUT_SETUP;
import static io.drover.result.FailureClass.TEST;
import static io.drover.result.FailureClass.TIMEOUT;
import static io.drover.result.FailureClass.WORKER_LOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drover.job.Job;
import io.drover.result.FailureClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunScheduleTest {
    private static final RetryPolicy NO_RETRIES = new RetryPolicy(0, 0, 2);

    private static PlannedTest t(String plan, String test, int serial, long seconds) {
        return PlannedTest.of(plan, test, serial, Duration.ofSeconds(seconds));
    }

    private static PlannedTest destructive(String plan, String test, int serial, long seconds) {
        return new PlannedTest(plan, test, serial, Duration.ofSeconds(seconds), true);
    }

    private static List<PoolSut> pool(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new PoolSut("sut-" + i, "ssh://root@10.0.0." + i)).toList();
    }

    /** Tests end as listed per attempt (attempt 1 first), then pass; other jobs go well. */
    private static Function<Dispatch, JobOutcome> attempts(Map<String, List<JobOutcome>> byTest) {
        return d -> {
            if (!d.isTest()) {
                return JobOutcome.ok();
            }
            List<JobOutcome> outcomes = byTest.getOrDefault(d.test(), List.of());
            return d.attempt() <= outcomes.size() ? outcomes.get(d.attempt() - 1) : JobOutcome.ok();
        };
    }

    private static JobOutcome failed(FailureClass failure) {
        return JobOutcome.failed(failure, failure + " happened");
    }

    @Test
    void twentySutsAndFiveHundredTestsEndWithOneVerdictEach() {
        Random random = new Random(42);
        List<PlannedTest> tests = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            for (int i = 1; i <= 100; i++) {
                tests.add(t("/plans/p" + p, "/tests/p" + p + "/t" + i, i, 1 + random.nextInt(600)));
            }
        }
        SimulatedFarm farm = new SimulatedFarm("run-1", tests, pool(20), RetryPolicy.DEFAULT).run()
                .checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.schedule.verdicts()).hasSize(500).allSatisfy(v -> {
            assertThat(v.passed()).isTrue();
            assertThat(v.attempts()).hasSize(1);
            assertThat(v.flaky()).isFalse();
        });
        assertThat(farm.bySut).hasSize(20);
        farm.bySut.forEach((sut, jobs) -> {
            assertThat(jobs).filteredOn(Dispatch::isTest).isNotEmpty();
            Map<String, Long> prepares = jobs.stream().filter(d -> d.type().equals(Job.PREPARE))
                    .collect(Collectors.groupingBy(Dispatch::plan, Collectors.counting()));
            assertThat(prepares.values()).as("%s prepares a plan once", sut).allMatch(n -> n == 1);
        });
        assertThat(farm.schedule.suts()).allSatisfy(s -> assertThat(s.state()).isEqualTo("released"));
    }

    @Test
    void oneSutRunsEachPlanLongestFirstWithTiesInPlanOrder() {
        List<PlannedTest> tests = List.of(t("/a", "a3", 1, 3), t("/a", "b10", 2, 10), t("/a", "c5", 3, 5),
                t("/a", "d10", 4, 10), t("/a", "e1", 5, 1), t("/b", "f2", 1, 2), t("/b", "g7", 2, 7));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(1), RetryPolicy.DEFAULT).run()
                .checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "test b10", "test d10", "test c5", "test a3",
                "test e1", "finish /a", "prepare /b", "test g7", "test f2", "finish /b", "release");
    }

    @Test
    void eachSutPreparesAPlanOnceBeforeItsFirstTestAndFinishesItAfterItsLastBeforeTheNextPlan() {
        List<PlannedTest> tests = new ArrayList<>();
        for (String plan : List.of("/p1", "/p2", "/p3")) {
            for (int i = 1; i <= 10; i++) {
                tests.add(t(plan, plan + "/t" + i, i, (i * 7L) % 11 + 1));
            }
        }
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(3), RetryPolicy.DEFAULT).run()
                .checkEnd(RetryPolicy.DEFAULT);

        for (String sut : farm.bySut.keySet()) {
            List<Dispatch> jobs = farm.bySut.get(sut);
            List<String> prepared = jobs.stream().filter(d -> d.type().equals(Job.PREPARE)).map(Dispatch::plan)
                    .toList();
            assertThat(prepared).as("%s: plans in order, each prepared once", sut).isSorted().doesNotHaveDuplicates();
            String open = null;
            for (int i = 0; i < jobs.size(); i++) {
                Dispatch d = jobs.get(i);
                switch (d.type()) {
                    case Job.PREPARE -> {
                        assertThat(open).isNull();
                        open = d.plan();
                        assertThat(jobs.get(i + 1).isTest()).as("a prepare is for a test").isTrue();
                    }
                    case Job.TEST -> assertThat(d.plan()).isEqualTo(open);
                    case Job.FINISH -> {
                        assertThat(d.plan()).isEqualTo(open);
                        open = null;
                    }
                    default -> assertThat(open).as("finished before release").isNull();
                }
            }
            assertThat(prepared).hasSameSizeAs(jobs.stream().filter(d -> d.type().equals(Job.FINISH)).toList());
        }
        // a SUT finishes a plan only when the plan has no test left to start
        for (String plan : List.of("/p1", "/p2", "/p3")) {
            int lastTest = -1;
            int firstFinish = Integer.MAX_VALUE;
            for (int i = 0; i < farm.dispatched.size(); i++) {
                Dispatch d = farm.dispatched.get(i);
                if (plan.equals(d.plan()) && d.isTest()) {
                    lastTest = i;
                } else if (plan.equals(d.plan()) && d.type().equals(Job.FINISH)) {
                    firstFinish = Math.min(firstFinish, i);
                }
            }
            assertThat(lastTest).as(plan).isLessThan(firstFinish);
        }
    }

    @Test
    void everyUsedSutIsReleasedOnceAtTheEndAndUnusedOnesNever() {
        List<PlannedTest> tests = List.of(t("/a", "x", 1, 50), t("/a", "y", 2, 5), t("/b", "z", 1, 5),
                t("/b", "w", 2, 5));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(12), RetryPolicy.DEFAULT).run()
                .checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.bySut.keySet()).containsExactly("sut-1", "sut-2", "sut-3", "sut-4");
        assertThat(farm.of(Job.RELEASE)).extracting(Dispatch::sut)
                .containsExactlyInAnyOrder("sut-1", "sut-2", "sut-3", "sut-4");
        long lastTestEnd = farm.ends.stream().filter(e -> e.dispatch().isTest()).mapToLong(SimulatedFarm.Ended::ended)
                .max().orElseThrow();
        // with retries possible, a SUT is kept while a running test could still come back
        assertThat(farm.ends).filteredOn(e -> e.dispatch().type().equals(Job.RELEASE))
                .allSatisfy(e -> assertThat(e.started()).isGreaterThanOrEqualTo(lastTestEnd));
        assertThat(farm.schedule.suts().subList(4, 12)).allSatisfy(s -> assertThat(s.state()).isEqualTo("ready"));
    }

    @Test
    void withoutRetriesASutIsReleasedAsSoonAsNothingIsLeftForIt() {
        List<PlannedTest> tests = List.of(t("/a", "long", 1, 100), t("/a", "short", 2, 5));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), NO_RETRIES).run().checkEnd(NO_RETRIES);

        assertThat(farm.story("sut-2")).containsExactly("prepare /a", "test short", "finish /a", "release");
        assertThat(farm.ends).filteredOn(e -> e.dispatch().sut().equals("sut-2")
                && e.dispatch().type().equals(Job.RELEASE)).singleElement()
                .satisfies(e -> assertThat(e.started()).isLessThan(100_000));
    }

    @Test
    void destructiveTestsNeverShareASutAndTheirSutIsReleasedRightAfterWithoutFinish() {
        List<PlannedTest> tests = new ArrayList<>(List.of(destructive("/a", "d1", 1, 50),
                destructive("/a", "d2", 2, 40)));
        for (int i = 1; i <= 6; i++) {
            tests.add(t("/a", "n" + i, 2 + i, 10));
        }
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(3), RetryPolicy.DEFAULT).run()
                .checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "test d1", "release");
        assertThat(farm.story("sut-2")).containsExactly("prepare /a", "test d2", "release");
        assertThat(farm.story("sut-3")).containsExactly("prepare /a", "test n1", "test n2", "test n3", "test n4",
                "test n5", "test n6", "finish /a", "release");
        for (String sut : List.of("sut-1", "sut-2")) {
            List<SimulatedFarm.Ended> ends = farm.ends.stream().filter(e -> e.dispatch().sut().equals(sut)).toList();
            assertThat(ends.get(2).started()).as("released as soon as the destructive test ended")
                    .isEqualTo(ends.get(1).ended());
        }
        assertThat(farm.schedule.verdicts()).allMatch(TestVerdict::passed);
    }

    @Test
    void destructiveTestsUseUpTheirSutsAndTheRestIsNotRun() {
        List<PlannedTest> tests = List.of(destructive("/a", "d1", 1, 30), destructive("/a", "d2", 2, 20),
                destructive("/a", "d3", 3, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT).run()
                .checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.verdict("d1").passed()).isTrue();
        assertThat(farm.verdict("d2").passed()).isTrue();
        TestVerdict d3 = farm.verdict("d3");
        assertThat(d3.notRun()).isTrue();
        assertThat(d3.failureClass()).isEqualTo(SUT_LOST);
        assertThat(d3.reason())
                .isEqualTo("not run: no usable SUT left (last: sut-2 was released after destructive test d2 of plan /a)");
    }

    @Test
    void infrastructureFailuresAreRetriedOnAnotherSutUpToTheLimit() {
        List<PlannedTest> tests = List.of(t("/a", "unlucky", 1, 100), t("/a", "lost-once", 2, 90),
                t("/a", "fine", 3, 10), t("/a", "fine2", 4, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(5), RetryPolicy.DEFAULT)
                .script(attempts(Map.of("unlucky", List.of(failed(WORKER_LOST), failed(SUT_SETUP),
                                failed(WORKER_LOST), JobOutcome.ok()),
                        "lost-once", List.of(failed(SUT_LOST)))))
                .run().checkEnd(RetryPolicy.DEFAULT);

        TestVerdict unlucky = farm.verdict("unlucky");
        assertThat(unlucky.attempts()).extracting(Attempt::failureClass)
                .containsExactly(WORKER_LOST, SUT_SETUP, WORKER_LOST);
        assertThat(unlucky.attempts()).extracting(Attempt::sut).doesNotHaveDuplicates();
        assertThat(unlucky.failureClass()).isEqualTo(WORKER_LOST);
        assertThat(unlucky.reason()).isEqualTo("worker-lost happened");
        assertThat(unlucky.notRun()).isFalse();

        TestVerdict lostOnce = farm.verdict("lost-once");
        assertThat(lostOnce.passed()).isTrue();
        assertThat(lostOnce.flaky()).as("an infrastructure retry is not flakiness").isFalse();
        assertThat(lostOnce.attempts()).hasSize(2);
        String lostSut = lostOnce.attempts().get(0).sut();
        assertThat(lostOnce.attempts().get(1).sut()).isNotEqualTo(lostSut);
        assertThat(farm.story(lostSut)).as("a lost SUT gets nothing more").last().isEqualTo("test lost-once");
    }

    @Test
    void anInfrastructureRetryNeedsAnotherSut() {
        List<PlannedTest> tests = List.of(t("/a", "x", 1, 10), t("/a", "y", 2, 5));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(1), RetryPolicy.DEFAULT)
                .script(attempts(Map.of("x", List.of(failed(WORKER_LOST))))).run().checkEnd(RetryPolicy.DEFAULT);

        TestVerdict x = farm.verdict("x");
        assertThat(x.failureClass()).isEqualTo(WORKER_LOST);
        assertThat(x.attempts()).hasSize(1);
        assertThat(x.reason()).isEqualTo("worker-lost happened (not retried: no other usable SUT left)");
        assertThat(farm.verdict("y").passed()).as("worker-lost does not blame the SUT").isTrue();
        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "test x", "test y", "finish /a", "release");
    }

    @Test
    void testFailuresAreRetriedWhenAskedAndFlakyWhenTheyThenPass() {
        RetryPolicy policy = new RetryPolicy(1, 1, 2);
        List<PlannedTest> tests = List.of(t("/a", "flaky", 1, 10), t("/a", "slow", 2, 10), t("/a", "both", 3, 10),
                t("/a", "broken", 4, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(3), policy)
                .script(attempts(Map.of("flaky", List.of(failed(TEST)),
                        "slow", List.of(failed(TIMEOUT), failed(TIMEOUT)),
                        "both", List.of(failed(WORKER_LOST), failed(TEST)),
                        "broken", List.of(failed(TEST), failed(TEST)))))
                .run().checkEnd(policy);

        TestVerdict flaky = farm.verdict("flaky");
        assertThat(flaky.passed()).isTrue();
        assertThat(flaky.flaky()).isTrue();
        assertThat(flaky.attempts()).extracting(Attempt::failureClass).containsExactly(TEST, null);

        TestVerdict slow = farm.verdict("slow");
        assertThat(slow.failureClass()).isEqualTo(TIMEOUT);
        assertThat(slow.status()).isEqualTo("error");
        assertThat(slow.flaky()).isFalse();
        assertThat(slow.attempts()).hasSize(2);

        TestVerdict both = farm.verdict("both");
        assertThat(both.attempts()).as("separate budgets").extracting(Attempt::failureClass)
                .containsExactly(WORKER_LOST, TEST, null);
        assertThat(both.flaky()).isTrue();

        assertThat(farm.verdict("broken").attempts()).hasSize(2);
        assertThat(farm.verdict("broken").status()).isEqualTo("fail");

        SimulatedFarm once = new SimulatedFarm("run", List.of(t("/a", "flaky", 1, 10)), pool(2), RetryPolicy.DEFAULT)
                .script(attempts(Map.of("flaky", List.of(failed(TEST))))).run().checkEnd(RetryPolicy.DEFAULT);
        assertThat(once.verdict("flaky").attempts()).as("no test retries by default").hasSize(1);
        assertThat(once.verdict("flaky").failureClass()).isEqualTo(TEST);
    }

    @Test
    void protocolAndCancelledAttemptsAreNeverRetried() {
        RetryPolicy policy = new RetryPolicy(3, 3, 2);
        List<PlannedTest> tests = List.of(t("/a", "talker", 1, 10), t("/a", "stopped", 2, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(3), policy)
                .script(attempts(Map.of("talker", List.of(failed(PROTOCOL)), "stopped", List.of(failed(CANCELLED)))))
                .run().checkEnd(policy);

        assertThat(farm.verdict("talker").attempts()).hasSize(1);
        assertThat(farm.verdict("talker").failureClass()).isEqualTo(PROTOCOL);
        assertThat(farm.verdict("stopped").attempts()).hasSize(1);
        assertThat(farm.verdict("stopped").failureClass()).isEqualTo(CANCELLED);
        assertThat(farm.schedule.suts()).extracting(SutView::strikes).containsOnly(0);
    }

    @Test
    void setupFailuresTakeASutOutAfterItsStrikes() {
        List<PlannedTest> tests = IntStream.rangeClosed(1, 6).mapToObj(i -> t("/a", "t" + i, i, 10 + i)).toList();
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT)
                .script(d -> d.isTest() && d.sut().equals("sut-1") ? failed(SUT_SETUP) : JobOutcome.ok())
                .run().checkEnd(RetryPolicy.DEFAULT);

        List<String> story = farm.story("sut-1");
        assertThat(story).hasSize(4).startsWith("prepare /a").endsWith("release");
        assertThat(story.subList(1, 3)).allMatch(s -> s.startsWith("test "));
        assertThat(farm.schedule.verdicts()).allMatch(TestVerdict::passed);
        for (String job : story.subList(1, 3)) {
            assertThat(farm.verdict(job.substring(5)).attempts()).extracting(Attempt::sut)
                    .containsExactly("sut-1", "sut-2");
        }
        SutView out = farm.schedule.suts().get(0);
        assertThat(out.state()).isEqualTo("broken");
        assertThat(out.strikes()).isEqualTo(2);
        assertThat(out.reason()).isEqualTo("sut-1: setup for " + story.get(2).substring(5)
                + " of plan /a failed: sut-setup happened (2 setup failures: out of the run)");
    }

    @Test
    void aLostSutIsOutAtOnceAndNotReleased() {
        List<PlannedTest> tests = IntStream.rangeClosed(1, 4).mapToObj(i -> t("/a", "t" + i, i, 10)).toList();
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT)
                .script(attempts(Map.of("t1", List.of(JobOutcome.failed(SUT_LOST, "ssh: connection reset")))))
                .run().checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "test t1");
        assertThat(farm.verdict("t1").attempts()).extracting(Attempt::sut).containsExactly("sut-1", "sut-2");
        assertThat(farm.schedule.suts().get(0)).satisfies(s -> {
            assertThat(s.state()).isEqualTo("broken");
            assertThat(s.reason()).isEqualTo("sut-1 was lost running t1 of plan /a: ssh: connection reset");
        });
    }

    @Test
    void whenEverySutIsLostTheRemainingTestsAreNotRunWithTheReason() {
        List<PlannedTest> tests = IntStream.rangeClosed(1, 5).mapToObj(i -> t("/a", "t" + i, i, 10)).toList();
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT)
                .script(d -> d.isTest() ? JobOutcome.failed(SUT_LOST, "gone") : JobOutcome.ok())
                .run().checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.of(Job.RELEASE)).isEmpty();
        // t1 and t2 ran first; t3 was queued behind t1 (with 3 tests waiting for 2 SUTs), t4 not behind t2 (2 for 2)
        for (String ran : List.of("t1", "t2", "t3")) {
            TestVerdict v = farm.verdict(ran);
            assertThat(v.notRun()).isFalse();
            assertThat(v.failureClass()).isEqualTo(SUT_LOST);
            assertThat(v.reason()).isEqualTo("gone (not retried: no other usable SUT left)");
        }
        for (String left : List.of("t4", "t5")) {
            TestVerdict v = farm.verdict(left);
            assertThat(v.notRun()).isTrue();
            assertThat(v.status()).isEqualTo("infra");
            assertThat(v.failureClass()).isEqualTo(SUT_LOST);
            assertThat(v.reason())
                    .isEqualTo("not run: no usable SUT left (last: sut-2 was lost running t2 of plan /a: gone)");
        }
    }

    @Test
    void aTestRetryThatNoSutIsLeftForKeepsTheFailure() {
        RetryPolicy policy = new RetryPolicy(0, 2, 2);
        SimulatedFarm farm = new SimulatedFarm("run", List.of(destructive("/a", "wrecker", 1, 5)), pool(1), policy)
                .script(attempts(Map.of("wrecker", List.of(failed(TEST))))).run().checkEnd(policy);

        TestVerdict wrecker = farm.verdict("wrecker");
        assertThat(wrecker.failureClass()).isEqualTo(TEST);
        assertThat(wrecker.status()).isEqualTo("fail");
        assertThat(wrecker.notRun()).isFalse();
        assertThat(wrecker.attempts()).hasSize(1);
        assertThat(wrecker.reason()).isEqualTo("test happened (not retried: no usable SUT left)");
        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "test wrecker", "release");
    }

    @Test
    void whenEveryPrepareFailsThePlansTestsAreNotRunAsSetupFailures() {
        List<PlannedTest> tests = List.of(t("/a", "a1", 1, 10), t("/a", "a2", 2, 10), t("/b", "b1", 1, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT)
                .script(d -> d.type().equals(Job.PREPARE) && d.plan().equals("/a")
                        ? JobOutcome.failed(SUT_SETUP, "dnf: no package foo") : JobOutcome.ok())
                .run().checkEnd(RetryPolicy.DEFAULT);

        for (String left : List.of("a1", "a2")) {
            TestVerdict v = farm.verdict(left);
            assertThat(v.notRun()).isTrue();
            assertThat(v.failureClass()).isEqualTo(SUT_SETUP);
            assertThat(v.reason()).startsWith("not run: no usable SUT left (last: sut-")
                    .endsWith(": prepare of plan /a failed: dnf: no package foo)");
        }
        assertThat(farm.verdict("b1").passed()).isTrue();
        assertThat(farm.of(Job.RELEASE)).hasSize(2);
        assertThat(farm.of(Job.FINISH)).extracting(Dispatch::plan).containsExactly("/b");
    }

    @Test
    void aFailingPrepareTakesTheSutOutOfThatPlanWithoutChargingItsTest() {
        List<PlannedTest> tests = List.of(t("/a", "a1", 1, 40), t("/a", "a2", 2, 30), t("/a", "a3", 3, 20),
                t("/b", "b1", 1, 10), t("/b", "b2", 2, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT)
                .script(d -> d.type().equals(Job.PREPARE) && d.sut().equals("sut-1") && d.plan().equals("/a")
                        ? JobOutcome.failed(SUT_SETUP, "prepare script exited 1") : JobOutcome.ok())
                .run().checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "prepare /b", "test b1", "test b2",
                "finish /b", "release");
        assertThat(farm.story("sut-2")).as("the test set aside for sut-1 comes back in its place")
                .containsExactly("prepare /a", "test a2", "test a1", "test a3", "finish /a", "release");
        assertThat(farm.schedule.verdicts()).allSatisfy(v -> {
            assertThat(v.passed()).isTrue();
            assertThat(v.attempts()).hasSize(1);
        });
        assertThat(farm.schedule.suts().get(0).strikes()).isEqualTo(1);
        assertThat(farm.schedule.suts().get(0).state()).isEqualTo("released");
    }

    @Test
    void aRetryComingBackAfterEverySutLeftItsPlanRunsOnAnotherVisit() {
        List<PlannedTest> tests = List.of(t("/a", "long", 1, 100), t("/a", "short", 2, 10), t("/b", "b1", 1, 10),
                t("/b", "b2", 2, 10));
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), RetryPolicy.DEFAULT)
                .script(attempts(Map.of("long", List.of(failed(WORKER_LOST))))).run().checkEnd(RetryPolicy.DEFAULT);

        assertThat(farm.story("sut-2")).containsExactly("prepare /a", "test short", "finish /a", "prepare /b",
                "test b1", "test b2", "finish /b", "prepare /a", "test long", "finish /a", "release");
        assertThat(farm.story("sut-1")).containsExactly("prepare /a", "test long", "finish /a", "release");
        assertThat(farm.verdict("long").attempts()).extracting(Attempt::sut).containsExactly("sut-1", "sut-2");
        assertThat(farm.verdict("long").passed()).isTrue();
    }

    @Test
    void cancellingTheRunStopsEverythingAndReleasesEverySutWithoutFinish() {
        List<PlannedTest> tests = IntStream.rangeClosed(1, 30).mapToObj(i -> t("/a", "t" + i, i, 10)).toList();
        AtomicInteger ended = new AtomicInteger();
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(3), RetryPolicy.DEFAULT);
        // after the cancel, running tests end cancelled, or lost to the infrastructure: neither is retried
        farm.script(d -> !d.isTest() || !farm.schedule.cancelled() ? JobOutcome.ok()
                        : d.serial() % 2 == 0 ? JobOutcome.failed(WORKER_LOST, "worker gone")
                        : JobOutcome.failed(CANCELLED, "stopped by the worker"))
                .afterEnd(e -> {
                    if (e.dispatch().isTest() && ended.incrementAndGet() == 5) {
                        farm.schedule.cancelRun("cancelled by alice");
                    }
                })
                .run().checkEnd(RetryPolicy.DEFAULT);

        List<TestVerdict> verdicts = farm.schedule.verdicts();
        assertThat(verdicts).filteredOn(TestVerdict::passed).hasSize(5);
        assertThat(verdicts).filteredOn(v -> !v.passed() && !v.notRun())
                .extracting(TestVerdict::test, TestVerdict::failureClass, TestVerdict::reason, v -> v.attempts().size())
                .as("the tests running or queued on the 3 SUTs at the cancel")
                .containsExactlyInAnyOrder(tuple("t6", WORKER_LOST, "worker gone", 1),
                        tuple("t7", CANCELLED, "stopped by the worker", 1), tuple("t8", WORKER_LOST, "worker gone", 1),
                        tuple("t9", CANCELLED, "stopped by the worker", 1), tuple("t10", WORKER_LOST, "worker gone", 1));
        assertThat(verdicts).filteredOn(TestVerdict::notRun).hasSize(20).allSatisfy(v -> {
            assertThat(v.failureClass()).isEqualTo(CANCELLED);
            assertThat(v.reason()).isEqualTo("cancelled by alice");
        });
        assertThat(farm.of(Job.FINISH)).isEmpty();
        assertThat(farm.of(Job.RELEASE)).hasSize(3);
        assertThat(farm.schedule.next()).isEmpty();
    }

    @Test
    void cancellingATestEndsItWhetherItWaitsOrRuns() {
        RetryPolicy policy = new RetryPolicy(2, 2, 2);
        List<PlannedTest> tests = List.of(t("/a", "a", 1, 30), t("/a", "b", 2, 20), t("/a", "c", 3, 10),
                t("/a", "d", 4, 5));
        AtomicBoolean once = new AtomicBoolean();
        Map<String, Boolean> found = new HashMap<>();
        SimulatedFarm farm = new SimulatedFarm("run", tests, pool(2), policy);
        farm.script(attempts(Map.of("a", List.of(JobOutcome.failed(CANCELLED, "stopped"))))).afterEnd(e -> {
            if (e.dispatch().isTest() && once.compareAndSet(false, true)) {
                assertThat(e.dispatch().test()).isEqualTo("b");
                found.put("a", farm.schedule.cancelTest("/a", "a", "not wanted"));
                found.put("d", farm.schedule.cancelTest("/a", "d", "not wanted"));
                found.put("b", farm.schedule.cancelTest("/a", "b", "too late"));
                found.put("nope", farm.schedule.cancelTest("/a", "nope", "no such test"));
                List<TestVerdict> taken = farm.schedule.takeNewVerdicts();
                farm.announced.addAll(taken);
                assertThat(taken).extracting(TestVerdict::test).containsExactly("b", "d");
            }
        }).run().checkEnd(policy);

        assertThat(found).containsEntry("a", true).containsEntry("d", true).containsEntry("b", false)
                .containsEntry("nope", false);
        TestVerdict d = farm.verdict("d");
        assertThat(d.notRun()).isTrue();
        assertThat(d.failureClass()).isEqualTo(CANCELLED);
        assertThat(d.reason()).isEqualTo("not wanted");
        TestVerdict a = farm.verdict("a");
        assertThat(a.attempts()).hasSize(1);
        assertThat(a.failureClass()).isEqualTo(CANCELLED);
        assertThat(farm.verdict("b").passed()).isTrue();
        assertThat(farm.verdict("c").passed()).isTrue();
        assertThat(farm.of(Job.FINISH)).as("the SUTs carry on as usual").hasSize(2);
    }

    @Test
    void aCancelledTestThatFailsIsNotRetried() {
        RetryPolicy policy = new RetryPolicy(2, 2, 2);
        SimulatedFarm farm = new SimulatedFarm("run", List.of(t("/a", "a", 1, 30), t("/a", "b", 2, 5)), pool(2),
                policy);
        farm.script(attempts(Map.of("a", List.of(failed(TEST))))).afterEnd(e -> {
            if (e.dispatch().isTest() && e.dispatch().test().equals("b")) {
                farm.schedule.cancelTest("/a", "a", "enough");
            }
        }).run().checkEnd(policy);

        assertThat(farm.verdict("a").attempts()).hasSize(1);
        assertThat(farm.verdict("a").failureClass()).isEqualTo(TEST);
    }

    @Test
    void aSutsNextTestIsQueuedBehindItsRunningTestWhileItsPlanHasMoreTestsWaitingThanSuts() {
        RunSchedule schedule = new RunSchedule("r", List.of(t("/a", "x", 1, 1), t("/a", "y", 2, 1), t("/a", "z", 3, 1)),
                pool(1), RetryPolicy.DEFAULT);
        assertThat(schedule.next()).extracting(Dispatch::type).containsExactly(Job.PREPARE);
        schedule.ended("r/sut-1/1", JobOutcome.ok());
        assertThat(schedule.next()).as("x, and y queued behind it (2 tests waiting, 1 SUT)")
                .extracting(Dispatch::test, Dispatch::jobId).containsExactly(tuple("x", "r/sut-1/2"), tuple("y", "r/sut-1/3"));
        assertThat(schedule.next()).isEmpty();
        schedule.ended("r/sut-1/2", JobOutcome.ok());
        assertThat(schedule.next()).as("y runs; z is the only test waiting: not queued").isEmpty();
        schedule.ended("r/sut-1/3", JobOutcome.ok());
        assertThat(schedule.next()).extracting(Dispatch::test).containsExactly("z");
        schedule.ended("r/sut-1/4", JobOutcome.ok());
        assertThat(schedule.next()).extracting(Dispatch::type).containsExactly(Job.FINISH);
    }

    @Test
    void noTestIsQueuedBehindADestructiveTestNorOnASutWithAStrike() {
        RunSchedule schedule = new RunSchedule("r", List.of(destructive("/a", "d", 1, 9), t("/a", "x", 2, 1), t("/a", "y", 3, 1),
                t("/a", "z", 4, 1)), pool(1), RetryPolicy.DEFAULT);
        schedule.next();
        schedule.ended("r/sut-1/1", JobOutcome.ok());
        assertThat(schedule.next()).extracting(Dispatch::test).containsExactly("d");

        RunSchedule struck = new RunSchedule("s", List.of(t("/a", "x", 1, 3), t("/a", "y", 2, 2), t("/a", "z", 3, 1),
                t("/a", "w", 4, 1)), pool(1), new RetryPolicy(2, 0, 3));
        struck.next();
        struck.ended("s/sut-1/1", JobOutcome.ok());
        assertThat(struck.next()).extracting(Dispatch::test).containsExactly("x", "y");
        struck.ended("s/sut-1/2", JobOutcome.failed(SUT_SETUP, "no package"));
        assertThat(struck.next()).as("a SUT with a strike runs one test at a time").isEmpty();
        struck.ended("s/sut-1/3", JobOutcome.ok());
        assertThat(struck.next()).extracting(Dispatch::test).containsExactly("z");
    }

    @Test
    void aSecondEndIsIgnoredAndAnUnknownJobIsRefused() {
        RunSchedule schedule = new RunSchedule("r", List.of(t("/a", "x", 1, 1)), pool(1), RetryPolicy.DEFAULT);
        Dispatch prepare = schedule.next().get(0);
        assertThat(prepare).isEqualTo(new Dispatch("sut-1", Job.PREPARE, "/a", null, 0, 0, "r/sut-1/1"));
        assertThat(schedule.next()).as("one job at a time per SUT").isEmpty();
        assertThat(schedule.ended("r/sut-1/1", JobOutcome.ok())).isTrue();
        assertThat(schedule.ended("r/sut-1/1", JobOutcome.failed(SUT_LOST, "late"))).isFalse();
        assertThat(schedule.next()).containsExactly(new Dispatch("sut-1", Job.TEST, "/a", "x", 1, 1, "r/sut-1/2"));
        assertThatThrownBy(() -> schedule.ended("r/sut-1/3", JobOutcome.ok()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r/sut-1/3");
        assertThatThrownBy(() -> schedule.ended("other/sut-1/1", JobOutcome.ok()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(schedule.sut("sut-1").address()).isEqualTo("ssh://root@10.0.0.1");
        assertThat(schedule.finished()).isFalse();
    }

    @Test
    void aRunWithoutTestsIsFinishedAtOnce() {
        RunSchedule schedule = new RunSchedule("r", List.of(), pool(2), RetryPolicy.DEFAULT);
        assertThat(schedule.next()).isEmpty();
        assertThat(schedule.finished()).isTrue();
        assertThat(schedule.verdicts()).isEmpty();
    }

    @Test
    void badInputIsRefusedUpFront() {
        assertThatThrownBy(() -> new RunSchedule("r", List.of(t("/a", "x", 1, 1)), List.of(), RetryPolicy.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SUT");
        assertThatThrownBy(() -> new RunSchedule("r", List.of(), List.of(new PoolSut("s", "local"),
                new PoolSut("s", "local")), RetryPolicy.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SUT s is in the pool twice");
        assertThatThrownBy(() -> new RunSchedule("r", List.of(t("/a", "x", 1, 1), t("/a", "y", 1, 1)), pool(1),
                RetryPolicy.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serial");
        assertThatThrownBy(() -> new RetryPolicy(-1, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PoolSut("a/b", "local")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t("/a", "x", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomOutcomesKeepTheInvariants() {
        for (long seed = 0; seed < 1000; seed++) {
            randomRun(seed);
        }
    }

    private static void randomRun(long seed) {
        Random random = new Random(seed);
        int plans = 1 + random.nextInt(4);
        List<PlannedTest> tests = new ArrayList<>();
        int count = random.nextInt(41);
        int[] serials = new int[plans];
        for (int i = 0; i < count; i++) {
            int plan = random.nextInt(plans);
            String name = "/t" + random.nextInt(30); // the same name twice in a plan happens
            tests.add(new PlannedTest("/p" + plan, name, ++serials[plan], Duration.ofSeconds(random.nextInt(100)),
                    random.nextInt(12) == 0));
        }
        RetryPolicy policy = new RetryPolicy(random.nextInt(4), random.nextInt(3), 1 + random.nextInt(3));
        SimulatedFarm farm = new SimulatedFarm("run-" + seed, tests, pool(1 + random.nextInt(8)), policy);
        farm.script(d -> randomOutcome(random, d, farm.schedule.cancelled()))
                .durations(d -> d.isTest() ? 1L + random.nextInt(100_000) : 1L + random.nextInt(5_000))
                .afterEnd(e -> {
                    if (random.nextInt(150) == 0) {
                        farm.schedule.cancelRun("seed " + seed + " cancels");
                    }
                    if (!tests.isEmpty() && random.nextInt(40) == 0) {
                        PlannedTest victim = tests.get(random.nextInt(tests.size()));
                        farm.schedule.cancelTest(victim.plan(), victim.test(), "seed " + seed + " cancels a test");
                    }
                });
        try {
            farm.run().checkEnd(policy);
            for (TestVerdict v : farm.schedule.verdicts()) {
                if (v.notRun()) {
                    assertThat(v.failureClass()).isIn(SUT_LOST, SUT_SETUP, CANCELLED);
                    assertThat(v.status()).isEqualTo("infra");
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static JobOutcome randomOutcome(Random random, Dispatch d, boolean cancelled) {
        int roll = random.nextInt(100);
        switch (d.type()) {
            case Job.PREPARE -> {
                return roll < 6 ? failed(SUT_SETUP) : roll < 8 ? failed(SUT_LOST) : roll < 9 ? failed(WORKER_LOST)
                        : roll < 10 ? failed(CANCELLED) : JobOutcome.ok();
            }
            case Job.FINISH, Job.RELEASE -> {
                return roll < 3 ? failed(SUT_SETUP) : roll < 5 ? failed(SUT_LOST) : JobOutcome.ok();
            }
            default -> {
                if (cancelled && roll < 70) {
                    return failed(CANCELLED);
                }
                return roll < 50 ? JobOutcome.ok()
                        : roll < 55 ? JobOutcome.test("skip", null, "skipped")
                        : roll < 65 ? failed(TEST)
                        : roll < 70 ? failed(TIMEOUT)
                        : roll < 76 ? failed(SUT_LOST)
                        : roll < 82 ? failed(SUT_SETUP)
                        : roll < 90 ? failed(WORKER_LOST)
                        : roll < 95 ? failed(PROTOCOL)
                        : failed(CANCELLED);
            }
        }
    }
}
