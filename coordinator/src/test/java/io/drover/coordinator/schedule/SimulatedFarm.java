package io.drover.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.job.Job;
import io.drover.result.FailureClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Simulated workers for a {@link RunSchedule}: publishes what {@code next()} returns, lets each job run for a
 * simulated while, and reports its scripted outcome, earliest end first, until the run is finished. A SUT runs
 * its jobs one at a time in the order they came, as a worker does. Checks at every step what must always hold:
 * one job running per SUT and at most one test queued behind a running test (never a destructive one, nor
 * behind one), nothing after a SUT's release or loss, nothing but releases after a cancel, prepare/test/finish
 * only in the right order on a SUT, no stall.
 */
final class SimulatedFarm {
    /** A job and what happened to it. */
    record Ended(Dispatch dispatch, JobOutcome outcome, long started, long ended) {
    }

    private record Live(Dispatch dispatch, long started, long end, long seq) {
    }

    final RunSchedule schedule;
    final Map<String, PlannedTest> tests = new LinkedHashMap<>();
    /** Every dispatch, in the order published. */
    final List<Dispatch> dispatched = new ArrayList<>();
    /** Every end, in the order reported. */
    final List<Ended> ends = new ArrayList<>();
    final Map<String, List<Dispatch>> bySut = new LinkedHashMap<>();
    final List<TestVerdict> announced = new ArrayList<>();

    private Function<Dispatch, JobOutcome> script = d -> JobOutcome.ok();
    private Function<Dispatch, Long> durations = this::defaultDuration;
    private Consumer<Ended> afterEnd = e -> { };
    private final PriorityQueue<Live> live = new PriorityQueue<>((a, b) -> a.end != b.end
            ? Long.compare(a.end, b.end) : Long.compare(a.seq, b.seq));
    /** Per SUT: the job it runs, then the one queued behind it. */
    private final Map<String, List<Dispatch>> busy = new HashMap<>();
    private final Set<String> released = new HashSet<>();
    private final Set<String> lost = new HashSet<>();
    /** Per SUT: the plan of its open visit, and whether that visit's prepare went well. */
    private final Map<String, String> visit = new HashMap<>();
    private final Map<String, Boolean> visitReady = new HashMap<>();
    private long now;
    private long seq;

    SimulatedFarm(String runId, List<PlannedTest> tests, List<PoolSut> suts, RetryPolicy policy) {
        this.schedule = new RunSchedule(runId, tests, suts, policy);
        tests.forEach(t -> this.tests.put(key(t.plan(), t.serial()), t));
    }

    static String key(String plan, int serial) {
        return plan + "#" + serial;
    }

    SimulatedFarm script(Function<Dispatch, JobOutcome> script) {
        this.script = script;
        return this;
    }

    SimulatedFarm durations(Function<Dispatch, Long> durations) {
        this.durations = durations;
        return this;
    }

    /** Called after each end is reported (to cancel, say). */
    SimulatedFarm afterEnd(Consumer<Ended> afterEnd) {
        this.afterEnd = afterEnd;
        return this;
    }

    private long defaultDuration(Dispatch d) {
        if (d.isTest()) {
            return Math.max(1, tests.get(key(d.plan(), d.serial())).expected().toMillis());
        }
        return 1;
    }

    long now() {
        return now;
    }

    /** Runs to the end; fails on a stall or on any broken rule. */
    SimulatedFarm run() {
        for (int round = 0; ; round++) {
            check(round < 1_000_000, () -> "too many rounds");
            publish(schedule.next());
            announced.addAll(schedule.takeNewVerdicts());
            if (live.isEmpty()) {
                if (!schedule.finished()) {
                    throw new AssertionError("stalled: nothing runs, nothing to publish, not finished; verdicts "
                            + schedule.verdicts().size() + "/" + tests.size() + ", SUTs " + schedule.suts());
                }
                break;
            }
            Live job = live.poll();
            now = job.end;
            endJob(job);
        }
        assertThat(schedule.next()).as("nothing to do once finished").isEmpty();
        return this;
    }

    private static void check(boolean ok, Supplier<String> message) {
        if (!ok) {
            throw new AssertionError(message.get());
        }
    }

    private void publish(List<Dispatch> dispatches) {
        for (Dispatch d : dispatches) {
            String sut = d.sut();
            List<Dispatch> ahead = busy.getOrDefault(sut, List.of());
            check(ahead.isEmpty() || ahead.size() == 1 && d.isTest() && ahead.get(0).isTest()
                    && !destructive(ahead.get(0)) && !destructive(d), () -> sut + " already runs " + ahead + ", got " + d);
            check(!released.contains(sut), () -> "job after " + sut + "'s release: " + d);
            check(!lost.contains(sut), () -> "job on lost " + sut + ": " + d);
            check(!schedule.cancelled() || d.type().equals(Job.RELEASE), () -> "not a release after a cancel: " + d);
            check(d.jobId().startsWith(schedule.runId() + "/" + sut + "/"), () -> "job id of " + d);
            String open = visit.get(sut);
            switch (d.type()) {
                case Job.PREPARE -> {
                    check(open == null, () -> d + " while the visit of " + open + " is open on " + sut);
                    visit.put(sut, d.plan());
                    visitReady.put(sut, false);
                }
                case Job.TEST -> {
                    check(d.plan().equals(open) && visitReady.get(sut), () -> d + " outside a prepared visit of its"
                            + " plan on " + sut + " (open: " + open + ")");
                    check(d.attempt() >= 1 && tests.containsKey(key(d.plan(), d.serial())), () -> "bad test job " + d);
                }
                case Job.FINISH -> {
                    check(d.plan().equals(open) && visitReady.get(sut), () -> d + " does not close a prepared visit"
                            + " on " + sut + " (open: " + open + ")");
                    visit.remove(sut);
                }
                case Job.RELEASE -> {
                    check(d.plan() == null && d.test() == null, () -> "bad release " + d);
                    visit.remove(sut);
                    released.add(sut);
                }
                default -> throw new AssertionError("unknown type " + d);
            }
            busy.computeIfAbsent(sut, s -> new ArrayList<>()).add(d);
            dispatched.add(d);
            bySut.computeIfAbsent(sut, s -> new ArrayList<>()).add(d);
            if (ahead.isEmpty()) {
                begin(d);
            }
        }
    }

    private void begin(Dispatch d) {
        live.add(new Live(d, now, now + durations.apply(d), seq++));
    }

    private boolean destructive(Dispatch d) {
        return d.isTest() && tests.get(key(d.plan(), d.serial())).destructive();
    }

    private void endJob(Live job) {
        Dispatch d = job.dispatch;
        JobOutcome outcome = script.apply(d);
        List<Dispatch> queue = busy.get(d.sut());
        queue.remove(0);
        if (queue.isEmpty()) {
            busy.remove(d.sut());
        } else {
            begin(queue.get(0));
        }
        if (outcome.failureClass() == FailureClass.SUT_LOST && !Job.RELEASE.equals(d.type())) {
            lost.add(d.sut());
        }
        if (Job.PREPARE.equals(d.type())) {
            if (outcome.isOk()) {
                visitReady.put(d.sut(), true);
            } else {
                visit.remove(d.sut());
            }
        }
        check(schedule.ended(d.jobId(), outcome), () -> "end of " + d + " not taken");
        check(!schedule.ended(d.jobId(), outcome), () -> "second end of " + d + " taken");
        Ended ended = new Ended(d, outcome, job.started, now);
        ends.add(ended);
        afterEnd.accept(ended);
    }

    /** Dispatches of a SUT, as "type plan test" strings. */
    List<String> story(String sut) {
        List<String> out = new ArrayList<>();
        for (Dispatch d : bySut.getOrDefault(sut, List.of())) {
            out.add(switch (d.type()) {
                case Job.TEST -> "test " + d.test();
                case Job.RELEASE -> "release";
                default -> d.type() + " " + d.plan();
            });
        }
        return out;
    }

    List<Dispatch> of(String type) {
        return dispatched.stream().filter(d -> d.type().equals(type)).toList();
    }

    TestVerdict verdict(String test) {
        List<TestVerdict> found = schedule.verdicts().stream().filter(v -> v.test().equals(test)).toList();
        assertThat(found).as("one verdict for %s", test).hasSize(1);
        return found.get(0);
    }

    Set<String> lost() {
        return lost;
    }

    /** Checks what holds at the end of every run. */
    SimulatedFarm checkEnd(RetryPolicy policy) {
        assertThat(schedule.finished()).isTrue();
        List<TestVerdict> verdicts = schedule.verdicts();
        assertThat(verdicts).hasSize(tests.size());
        assertThat(verdicts.stream().map(v -> key(v.plan(), v.serial())).distinct())
                .containsExactlyElementsOf(tests.keySet());
        assertThat(announced).as("each verdict announced once").containsExactlyInAnyOrderElementsOf(verdicts);
        for (TestVerdict v : verdicts) {
            assertThat(v.notRun()).as("notRun iff no attempt: %s", v).isEqualTo(v.attempts().isEmpty());
            for (int i = 0; i < v.attempts().size(); i++) {
                assertThat(v.attempts().get(i).attempt()).isEqualTo(i + 1);
            }
            assertThat(v.attempts().size()).isLessThanOrEqualTo(1 + policy.infraRetries() + policy.testRetries());
            if (!v.attempts().isEmpty()) {
                Attempt last = v.attempts().get(v.attempts().size() - 1);
                assertThat(v.status()).isEqualTo(last.status());
                assertThat(v.failureClass()).isEqualTo(last.failureClass());
            }
            // an infrastructure failure is never retried on the SUT it happened on
            for (int i = 0; i < v.attempts().size(); i++) {
                Attempt a = v.attempts().get(i);
                if (a.failureClass() == FailureClass.SUT_LOST || a.failureClass() == FailureClass.SUT_SETUP
                        || a.failureClass() == FailureClass.WORKER_LOST) {
                    for (Attempt later : v.attempts().subList(i + 1, v.attempts().size())) {
                        assertThat(later.sut()).as("retry of %s elsewhere", v.test()).isNotEqualTo(a.sut());
                    }
                }
            }
            if (v.flaky()) {
                assertThat(v.passed()).isTrue();
                assertThat(v.attempts()).anyMatch(a -> a.failureClass() == FailureClass.TEST
                        || a.failureClass() == FailureClass.TIMEOUT);
            }
        }
        // every SUT that got a job: exactly one release, last, unless lost (then none)
        bySut.forEach((sut, jobs) -> {
            long releases = jobs.stream().filter(d -> d.type().equals(Job.RELEASE)).count();
            if (lost.contains(sut)) {
                assertThat(releases).as("lost %s gets no release", sut).isZero();
            } else {
                assertThat(releases).as("%s released once", sut).isOne();
                assertThat(jobs.get(jobs.size() - 1).type()).as("%s: release comes last", sut).isEqualTo(Job.RELEASE);
            }
            // after a destructive test: only the release (or nothing, if lost)
            for (int i = 0; i < jobs.size(); i++) {
                Dispatch d = jobs.get(i);
                if (d.isTest() && tests.get(key(d.plan(), d.serial())).destructive()) {
                    List<Dispatch> after = jobs.subList(i + 1, jobs.size());
                    assertThat(after.size()).as("%s after destructive %s: %s", sut, d.test(), after)
                            .isLessThanOrEqualTo(1);
                    after.forEach(a -> assertThat(a.type()).isEqualTo(Job.RELEASE));
                }
            }
        });
        return this;
    }
}
