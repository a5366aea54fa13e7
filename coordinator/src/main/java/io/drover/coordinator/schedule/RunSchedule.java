package io.drover.coordinator.schedule;

import io.drover.job.Job;
import io.drover.result.FailureClass;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schedule of one run: what runs where and when. Pure logic, no I/O and no threads: one thread calls
 * {@link #next()} to learn which jobs to publish now, {@link #ended} when a job's end is known, and the cancel
 * methods; {@link #finished()} says when the run is over and {@link #verdicts()} gives one final verdict per
 * test. Not thread-safe.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>One job at a time per SUT, and one test queued behind it.</b> {@code next()} returns every job that
 *     can start now, at most one per SUT, and nothing more for a SUT until its current job has
 *     {@linkplain #ended ended}, with one exception: while a SUT runs a test of a plan that has more tests
 *     waiting than there are usable SUTs, its next test of that plan is handed out at once, to run right after
 *     (the worker runs a SUT's jobs in order), so that the SUT does not idle while the end of one test and
 *     the next job travel between worker and coordinator. Only a test is queued so, only behind a test, and
 *     never a destructive one nor behind one, and not on a SUT with a strike; prepare, finish and
 *     release are decided when the SUT is free, as before. A queued test runs even when the test before it
 *     lost the SUT or put it out on strikes (it then usually ends {@code sut-lost} or {@code sut-setup} and is
 *     retried elsewhere), and a cancel ends it as it ends running tests.</li>
 * <li><b>Order.</b> A free SUT takes the next test: plans in the order of the test list, and within a plan the
 *     longest {@code expected} first, ties in the list's order. A retried test goes back into its plan's queue
 *     at its place in that order.</li>
 * <li><b>Visits.</b> A SUT runs a plan as a <em>visit</em>: the plan's {@code prepare}, then its tests one at a
 *     time, then its {@code finish} when the plan has no waiting test that SUT may take; then it moves on to the
 *     first plan (in order) it has not visited that has a test waiting for it. The test that made the SUT enter
 *     a plan is set aside for it while the prepare runs. A SUT never visits a plan twice, except to run a
 *     waiting test (a retry, or a test handed back by a failed prepare) once it has no unvisited plan with work:
 *     so without retries every SUT prepares each plan it runs at most once, and a retry that comes back after
 *     every SUT left its plan is not lost (it runs last, on a SUT that prepares the plan again). No SUT waits
 *     idle in a plan for tests that are still running elsewhere.</li>
 * <li><b>Failed prepare.</b> The SUT is out for that plan (no finish, never visits it again) and gets a strike;
 *     the test set aside for it goes back to the queue without being charged an attempt. A prepare that ends
 *     {@code sut-lost} loses the SUT; one that ends {@code cancelled} counts no strike.</li>
 * <li><b>Finish</b> failures do not affect tests nor count strikes; a finish that ends {@code sut-lost} loses
 *     the SUT.</li>
 * <li><b>Destructive tests.</b> Any usable SUT can take one; once it ends, that SUT gets its {@code release}
 *     straight away (no finish of the plan) and is not used again in the run. So no test ever runs on a SUT
 *     after a destructive one, and two destructive tests never share a SUT. Nothing reserves SUTs for them:
 *     they run in the plan's longest-first order like the others.</li>
 * <li><b>Retries</b> key off the failure class of the attempt:
 *     <ul>
 *     <li>{@code sut-lost}, {@code worker-lost}, {@code sut-setup}: up to {@link RetryPolicy#infraRetries()}
 *         more attempts, each on a SUT the test has not failed on this way (so never where it was lost; a
 *         {@code worker-lost} also moves the test even though the SUT itself is not blamed);</li>
 *     <li>{@code test}, {@code timeout}: up to {@link RetryPolicy#testRetries()} more attempts, on any SUT;</li>
 *     <li>{@code protocol}, {@code cancelled}, a pass or a skip: final.</li>
 *     </ul>
 *     The two budgets are separate. Every attempt is kept; the verdict is the final attempt's outcome, and is
 *     {@code flaky} when it passed after an attempt that failed with {@code test} or {@code timeout}.</li>
 * <li><b>SUT strikes.</b> A SUT is lost at once when a job on it ends {@code sut-lost}: it gets no more jobs,
 *     not even a release. Setup failures (a failed prepare, a test ending {@code sut-setup}) count strikes; at
 *     {@link RetryPolicy#sutStrikes()} the SUT is out: it gets its release (it is still reachable) and no more
 *     jobs, without the finish of the plan it was in. {@code worker-lost}, {@code protocol} and test failures
 *     count nothing against the SUT.</li>
 * <li><b>No SUT left.</b> A waiting test that no usable SUT may take any more (all lost, out, retired by
 *     destructive tests, failed that plan's prepare, or already failed by it) ends at once. Never run: status
 *     {@code infra}, {@code notRun}, and the failure class of the most recent of those SUTs' removals
 *     ({@code sut-setup} for a failed prepare or a SUT out on strikes, {@code sut-lost} otherwise), with the
 *     reason. Run before and waiting for a retry: its last attempt's outcome stands, the reason saying it
 *     was not retried.</li>
 * <li><b>Release.</b> Every SUT that got any job gets exactly one {@code release}, and nothing after it:
 *     after a destructive test, when out on strikes, after a cancel, or otherwise once no waiting test is for
 *     it and no job running elsewhere could still hand one back to it (in practice at the end of the run).
 *     Lost SUTs get none; SUTs that never got a job get none.</li>
 * <li><b>cancelRun.</b> Nothing new starts but releases. Waiting tests end {@code cancelled} (never run:
 *     {@code notRun}; run before and waiting for a retry: the last attempt stands). Running jobs end when their
 *     end is reported (the worker stops them) and their outcome is final, never retried; then each SUT gets
 *     its release, without finish.</li>
 * <li><b>cancelTest</b> does the same for every not yet final test of that name in that plan; the SUTs carry
 *     on with the rest of the run.</li>
 * <li><b>finished()</b> when every test has its verdict, no job is running, and every SUT that got a job is
 *     released or lost.</li>
 * </ul>
 *
 * <p>Reporting an end twice is harmless ({@link #ended} returns false); the caller must report the end of
 * every job it published, using {@code worker-lost} when a worker died and its job cannot be recovered.
 */
public final class RunSchedule {
    private static final String NOT_RUN_STATUS = "infra";
    private static final Comparator<TestState> LONGEST_FIRST =
            Comparator.comparing((TestState t) -> t.spec.expected()).reversed().thenComparingInt(t -> t.order);

    private enum TestStatus { PENDING, RESERVED, RUNNING, DONE }

    /** ACTIVE: usable; RETIRING: running a destructive test; RETIRED, OUT: to be released; then RELEASING. */
    private enum SutCond { ACTIVE, RETIRING, RETIRED, OUT, LOST, RELEASING, RELEASED }

    private static final class Plan {
        final String name;
        final int index;
        final TreeSet<TestState> waiting = new TreeSet<>(LONGEST_FIRST);

        Plan(String name, int index) {
            this.name = name;
            this.index = index;
        }
    }

    private static final class TestState {
        final PlannedTest spec;
        final int order;
        final Plan plan;
        final List<Attempt> attempts = new ArrayList<>();
        final Set<String> excluded = new HashSet<>();
        TestStatus status = TestStatus.PENDING;
        Sut on;
        int infraFailures;
        int testFailures;
        String cancelReason;
        TestVerdict verdict;

        TestState(PlannedTest spec, int order, Plan plan) {
            this.spec = spec;
            this.order = order;
            this.plan = plan;
        }
    }

    /** Why a SUT can no longer take tests (of one plan, or of the run), and when that happened. */
    private record Removal(long seq, FailureClass cause, String reason) {
    }

    private static final class Sut {
        final PoolSut pool;
        final BitSet visited = new BitSet();
        final Map<Integer, Removal> failedPlans = new HashMap<>();
        SutCond cond = SutCond.ACTIVE;
        int jobs;
        int plan = -1;
        boolean inPlan;
        boolean prepared;
        TestState setAside;
        Running job;
        /** The test to run after {@link #job}, already handed out. */
        Running queued;
        boolean used;
        int strikes;
        boolean broken;
        Removal removal;

        Sut(PoolSut pool) {
            this.pool = pool;
        }

        String id() {
            return pool.id();
        }
    }

    private record Running(String id, String type, Sut sut, Plan plan, TestState test, int attempt) {
    }

    private final String runId;
    private final RetryPolicy policy;
    private final List<Plan> plans = new ArrayList<>();
    private final List<TestState> tests = new ArrayList<>();
    private final List<Sut> suts = new ArrayList<>();
    private final Map<String, Sut> sutsById = new LinkedHashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    /** Tests set aside for a SUT's prepare or running: the ones that may come back to the queue. */
    private final Set<TestState> inFlight = new LinkedHashSet<>();
    private final List<TestVerdict> fresh = new ArrayList<>();
    private int finalCount;
    private long removals;
    private boolean dirty = true;
    private String cancelReason;

    /**
     * @param runId  the run's id (job ids are {@code <runId>/<sut>/<n>})
     * @param tests  the run's tests: plans in order, each plan's tests in the plan's order (a plan's tests need
     *               not be contiguous: a plan comes where its first test is)
     * @param suts   the pool, at least one SUT, ids unique
     * @param policy retries and strikes
     */
    public RunSchedule(String runId, List<PlannedTest> tests, List<PoolSut> suts, RetryPolicy policy) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (suts.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + ": no SUT to run on");
        }
        for (PoolSut pool : suts) {
            Sut sut = new Sut(pool);
            if (sutsById.putIfAbsent(pool.id(), sut) != null) {
                throw new IllegalArgumentException("run " + runId + ": SUT " + pool.id() + " is in the pool twice");
            }
            this.suts.add(sut);
        }
        Map<String, Plan> byName = new HashMap<>();
        Set<String> serials = new HashSet<>();
        for (PlannedTest spec : tests) {
            Plan plan = byName.computeIfAbsent(spec.plan(), name -> {
                Plan p = new Plan(name, plans.size());
                plans.add(p);
                return p;
            });
            if (!serials.add(spec.plan() + "\0" + spec.serial())) {
                throw new IllegalArgumentException("run " + runId + ": plan " + spec.plan() + " has serial number "
                        + spec.serial() + " twice");
            }
            TestState test = new TestState(spec, this.tests.size(), plan);
            this.tests.add(test);
            plan.waiting.add(test);
        }
    }

    public String runId() {
        return runId;
    }

    /** The pool's SUT with this id. */
    public PoolSut sut(String id) {
        Sut sut = sutsById.get(id);
        if (sut == null) {
            throw new IllegalArgumentException("run " + runId + " has no SUT " + id);
        }
        return sut.pool;
    }

    /**
     * Every job that can start now, at most one per SUT: the next job of each free SUT, and a test to queue
     * behind the running test of a SUT when its plan has more tests waiting than there are usable SUTs.
     */
    public List<Dispatch> next() {
        List<Dispatch> out = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            settle();
            for (Sut sut : suts) {
                if (sut.job == null) {
                    Dispatch dispatch = step(sut);
                    if (dispatch != null) {
                        out.add(dispatch);
                        progress = true;
                    }
                }
            }
        }
        int usable = usableSuts();
        for (Sut sut : suts) {
            Dispatch queued = queueBehind(sut, usable);
            if (queued != null) {
                out.add(queued);
            }
        }
        return out;
    }

    /**
     * A job ended. Returns false when that job's end was already taken (a duplicate delivery).
     *
     * @throws IllegalArgumentException for a job id this schedule never handed out
     */
    public boolean ended(String jobId, JobOutcome outcome) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(outcome, "outcome");
        Running job = running.remove(jobId);
        if (job == null) {
            if (handedOut(jobId)) {
                return false;
            }
            throw new IllegalArgumentException("run " + runId + " never started a job " + jobId);
        }
        Sut sut = job.sut;
        if (sut.queued == job) {
            sut.queued = null;
        } else {
            sut.job = sut.queued;
            sut.queued = null;
        }
        dirty = true;
        switch (job.type) {
            case Job.PREPARE -> prepareEnded(job, outcome);
            case Job.TEST -> testEnded(job, outcome);
            case Job.FINISH -> {
                if (outcome.failureClass() == FailureClass.SUT_LOST) {
                    lose(job.sut, job.sut.id() + " was lost during the finish of plan " + job.plan.name + ": "
                            + outcome.reason());
                }
            }
            case Job.RELEASE -> job.sut.cond = SutCond.RELEASED;
            default -> throw new IllegalStateException(job.type);
        }
        return true;
    }

    /** Cancels the run: nothing new starts but releases; waiting tests end {@code cancelled}. */
    public void cancelRun(String reason) {
        if (cancelReason != null) {
            return;
        }
        cancelReason = reason == null || reason.isBlank() ? "the run was cancelled" : reason;
        dirty = true;
        for (TestState test : tests) {
            if (test.status == TestStatus.PENDING || test.status == TestStatus.RESERVED) {
                cancelled(test, cancelReason);
            }
        }
    }

    /**
     * Cancels every not yet final test of that name in that plan: a waiting one ends {@code cancelled} now, a
     * running one when its job ends (never retried). Returns whether there was such a test.
     */
    public boolean cancelTest(String plan, String test, String reason) {
        String why = reason == null || reason.isBlank() ? "the test was cancelled" : reason;
        boolean found = false;
        for (TestState t : tests) {
            if (t.status != TestStatus.DONE && t.spec.plan().equals(plan) && t.spec.test().equals(test)) {
                found = true;
                if (t.status == TestStatus.RUNNING) {
                    t.cancelReason = why;
                } else {
                    cancelled(t, why);
                }
            }
        }
        dirty |= found;
        return found;
    }

    /** Whether the run was cancelled. */
    public boolean cancelled() {
        return cancelReason != null;
    }

    /** Every test has its verdict, no job runs, and every SUT that got a job is released or lost. */
    public boolean finished() {
        if (finalCount < tests.size() || !running.isEmpty()) {
            return false;
        }
        for (Sut sut : suts) {
            if (sut.used && sut.cond != SutCond.RELEASED && sut.cond != SutCond.LOST) {
                return false;
            }
        }
        return true;
    }

    /** The final verdicts so far, in the order of the test list. */
    public List<TestVerdict> verdicts() {
        List<TestVerdict> out = new ArrayList<>(finalCount);
        for (TestState test : tests) {
            if (test.verdict != null) {
                out.add(test.verdict);
            }
        }
        return out;
    }

    /** The verdicts that became final since the last call, in the order they did. */
    public List<TestVerdict> takeNewVerdicts() {
        List<TestVerdict> out = List.copyOf(fresh);
        fresh.clear();
        return out;
    }

    /** The pool as the schedule sees it now, in pool order. */
    public List<SutView> suts() {
        List<SutView> out = new ArrayList<>(suts.size());
        for (Sut sut : suts) {
            String state = sut.broken ? "broken"
                    : sut.cond == SutCond.RELEASED ? "released"
                    : sut.job != null ? "busy"
                    : "ready";
            out.add(new SutView(sut.id(), sut.pool.address(), state, sut.strikes,
                    sut.removal == null ? null : sut.removal.reason()));
        }
        return out;
    }

    // ---- deciding what a free SUT does

    private Dispatch step(Sut sut) {
        switch (sut.cond) {
            case RETIRED, OUT:
                return release(sut);
            case ACTIVE:
                break;
            default:
                return null;
        }
        if (cancelReason != null) {
            return sut.used ? release(sut) : null;
        }
        if (sut.setAside != null) {
            TestState test = sut.setAside;
            sut.setAside = null;
            return startTest(sut, test);
        }
        if (sut.inPlan) {
            Plan plan = plans.get(sut.plan);
            TestState test = pick(sut, plan);
            if (test != null) {
                return startTest(sut, test);
            }
            sut.inPlan = false;
            sut.prepared = false;
            return dispatch(sut, Job.FINISH, plan, null, 0);
        }
        for (Plan plan : plans) {
            if (!sut.visited.get(plan.index)) {
                TestState test = pick(sut, plan);
                if (test != null) {
                    return enter(sut, plan, test);
                }
            }
        }
        for (Plan plan : plans) {
            if (sut.visited.get(plan.index) && !sut.failedPlans.containsKey(plan.index)) {
                TestState test = pick(sut, plan);
                if (test != null) {
                    return enter(sut, plan, test);
                }
            }
        }
        if (sut.used && !couldComeBack(sut)) {
            return release(sut);
        }
        return null;
    }

    /** The test to queue behind the test the SUT runs, or null (see the rules). */
    private Dispatch queueBehind(Sut sut, int usableSuts) {
        Running now = sut.job;
        if (now == null || sut.queued != null || !Job.TEST.equals(now.type) || now.test.spec.destructive()
                || sut.cond != SutCond.ACTIVE || sut.strikes > 0 || cancelReason != null || !sut.inPlan
                || sut.setAside != null) {
            return null;
        }
        Plan plan = plans.get(sut.plan);
        if (plan.waiting.size() <= usableSuts) {
            return null;
        }
        TestState test = pick(sut, plan);
        return test == null || test.spec.destructive() ? null : startTest(sut, test);
    }

    private int usableSuts() {
        int usable = 0;
        for (Sut sut : suts) {
            if (sut.cond == SutCond.ACTIVE) {
                usable++;
            }
        }
        return usable;
    }

    /** The first waiting test of the plan this SUT may take. */
    private static TestState pick(Sut sut, Plan plan) {
        for (TestState test : plan.waiting) {
            if (!test.excluded.contains(sut.id())) {
                return test;
            }
        }
        return null;
    }

    /** Whether a test set aside or running elsewhere could still come back to the queue for this SUT. */
    private boolean couldComeBack(Sut sut) {
        for (TestState test : inFlight) {
            if (test.on == sut || sut.failedPlans.containsKey(test.plan.index)) {
                continue;
            }
            boolean excluded = test.excluded.contains(sut.id());
            if (test.status == TestStatus.RESERVED) {
                if (!excluded) {
                    return true;
                }
            } else if (test.cancelReason == null
                    && (!excluded && test.infraFailures < policy.infraRetries()
                        || test.testFailures < policy.testRetries())) {
                return true;
            }
        }
        return false;
    }

    private Dispatch enter(Sut sut, Plan plan, TestState test) {
        sut.plan = plan.index;
        sut.inPlan = true;
        sut.prepared = false;
        sut.visited.set(plan.index);
        plan.waiting.remove(test);
        test.status = TestStatus.RESERVED;
        test.on = sut;
        inFlight.add(test);
        sut.setAside = test;
        return dispatch(sut, Job.PREPARE, plan, null, 0);
    }

    private Dispatch startTest(Sut sut, TestState test) {
        test.plan.waiting.remove(test);
        test.status = TestStatus.RUNNING;
        test.on = sut;
        inFlight.add(test);
        if (test.spec.destructive()) {
            sut.cond = SutCond.RETIRING;
        }
        return dispatch(sut, Job.TEST, test.plan, test, test.attempts.size() + 1);
    }

    private Dispatch release(Sut sut) {
        sut.cond = SutCond.RELEASING;
        sut.inPlan = false;
        return dispatch(sut, Job.RELEASE, null, null, 0);
    }

    private Dispatch dispatch(Sut sut, String type, Plan plan, TestState test, int attempt) {
        String id = runId + "/" + sut.id() + "/" + ++sut.jobs;
        sut.used = true;
        Running job = new Running(id, type, sut, plan, test, attempt);
        if (sut.job == null) {
            sut.job = job;
        } else {
            sut.queued = job;
        }
        running.put(id, job);
        return new Dispatch(sut.id(), type, plan == null ? null : plan.name, test == null ? null : test.spec.test(),
                test == null ? 0 : test.spec.serial(), attempt, id);
    }

    /** Whether the id is one this schedule handed out (and so, not running, one that ended). */
    private boolean handedOut(String jobId) {
        String prefix = runId + "/";
        int slash = jobId.lastIndexOf('/');
        if (!jobId.startsWith(prefix) || slash < prefix.length()) {
            return false;
        }
        Sut sut = sutsById.get(jobId.substring(prefix.length(), slash));
        try {
            int n = Integer.parseInt(jobId.substring(slash + 1));
            return sut != null && n >= 1 && n <= sut.jobs;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- ends of jobs

    private void prepareEnded(Running job, JobOutcome outcome) {
        Sut sut = job.sut;
        if (outcome.isOk()) {
            sut.prepared = true;
            return;
        }
        TestState test = sut.setAside;
        sut.setAside = null;
        sut.inPlan = false;
        if (test != null) {
            requeue(test);
        }
        FailureClass failure = outcome.failureClass();
        String why = sut.id() + ": prepare of plan " + job.plan.name + " failed: " + outcome.reason();
        sut.failedPlans.put(job.plan.index, new Removal(++removals,
                failure == FailureClass.SUT_LOST ? FailureClass.SUT_LOST : FailureClass.SUT_SETUP, why));
        if (failure == FailureClass.SUT_LOST) {
            lose(sut, why);
        } else if (failure != FailureClass.CANCELLED) {
            strike(sut, why);
        }
    }

    private void testEnded(Running job, JobOutcome outcome) {
        Sut sut = job.sut;
        TestState test = job.test;
        inFlight.remove(test);
        test.on = null;
        test.attempts.add(new Attempt(job.attempt, sut.id(), job.id, outcome.status(), outcome.failureClass(),
                outcome.reason()));
        FailureClass failure = outcome.failureClass();
        if (failure == FailureClass.SUT_LOST) {
            lose(sut, sut.id() + " was lost running " + name(test) + ": " + outcome.reason());
        } else if (failure == FailureClass.SUT_SETUP) {
            strike(sut, sut.id() + ": setup for " + name(test) + " failed: " + outcome.reason());
        }
        if (sut.cond == SutCond.RETIRING) {
            sut.cond = SutCond.RETIRED;
            sut.inPlan = false;
            sut.removal = new Removal(++removals, FailureClass.SUT_LOST,
                    sut.id() + " was released after destructive test " + name(test));
        }
        if (cancelReason != null || test.cancelReason != null || failure == null) {
            conclude(test, fromLastAttempt(test, ""));
            return;
        }
        switch (failure) {
            case SUT_LOST, SUT_SETUP, WORKER_LOST -> {
                if (++test.infraFailures <= policy.infraRetries()) {
                    test.excluded.add(sut.id());
                    requeue(test);
                } else {
                    conclude(test, fromLastAttempt(test, ""));
                }
            }
            case TEST, TIMEOUT -> {
                if (++test.testFailures <= policy.testRetries()) {
                    requeue(test);
                } else {
                    conclude(test, fromLastAttempt(test, ""));
                }
            }
            default -> conclude(test, fromLastAttempt(test, ""));
        }
    }

    private void lose(Sut sut, String why) {
        sut.cond = SutCond.LOST;
        sut.broken = true;
        sut.inPlan = false;
        sut.removal = new Removal(++removals, FailureClass.SUT_LOST, why);
    }

    private void strike(Sut sut, String why) {
        sut.strikes++;
        if (sut.strikes >= policy.sutStrikes() && (sut.cond == SutCond.ACTIVE || sut.cond == SutCond.RETIRING)) {
            sut.cond = SutCond.OUT;
            sut.broken = true;
            sut.inPlan = false;
            sut.removal = new Removal(++removals, FailureClass.SUT_SETUP,
                    why + " (" + sut.strikes + " setup failures: out of the run)");
        }
    }

    // ---- tests

    private void requeue(TestState test) {
        inFlight.remove(test);
        test.on = null;
        test.status = TestStatus.PENDING;
        test.plan.waiting.add(test);
    }

    private void conclude(TestState test, TestVerdict verdict) {
        test.plan.waiting.remove(test);
        inFlight.remove(test);
        if (test.on != null && test.on.setAside == test) {
            test.on.setAside = null;
        }
        test.on = null;
        test.status = TestStatus.DONE;
        test.verdict = verdict;
        fresh.add(verdict);
        finalCount++;
    }

    private void cancelled(TestState test, String reason) {
        conclude(test, test.attempts.isEmpty()
                ? notRun(test, FailureClass.CANCELLED, reason)
                : fromLastAttempt(test, " (not retried: " + reason + ")"));
    }

    private static TestVerdict fromLastAttempt(TestState test, String note) {
        Attempt last = test.attempts.get(test.attempts.size() - 1);
        boolean passed = last.failureClass() == null && !"skip".equals(last.status());
        boolean flaky = passed && test.attempts.stream()
                .anyMatch(a -> a.failureClass() == FailureClass.TEST || a.failureClass() == FailureClass.TIMEOUT);
        return new TestVerdict(test.spec.plan(), test.spec.test(), test.spec.serial(), last.status(),
                last.failureClass(), last.reason() + note, flaky, false, test.attempts);
    }

    private static TestVerdict notRun(TestState test, FailureClass failure, String reason) {
        return new TestVerdict(test.spec.plan(), test.spec.test(), test.spec.serial(), NOT_RUN_STATUS, failure,
                reason, false, true, List.of());
    }

    /** Ends the waiting tests no usable SUT may take any more. */
    private void settle() {
        if (!dirty) {
            return;
        }
        dirty = false;
        for (Plan plan : plans) {
            for (TestState test : List.copyOf(plan.waiting)) {
                if (!anyMayTake(test)) {
                    strand(test);
                }
            }
        }
    }

    private boolean anyMayTake(TestState test) {
        for (Sut sut : suts) {
            if (sut.cond == SutCond.ACTIVE && !test.excluded.contains(sut.id())
                    && !sut.failedPlans.containsKey(test.plan.index)) {
                return true;
            }
        }
        return false;
    }

    private void strand(TestState test) {
        if (!test.attempts.isEmpty()) {
            FailureClass last = test.attempts.get(test.attempts.size() - 1).failureClass();
            boolean elsewhere = last == FailureClass.SUT_LOST || last == FailureClass.SUT_SETUP
                    || last == FailureClass.WORKER_LOST;
            conclude(test, fromLastAttempt(test, " (not retried: no " + (elsewhere ? "other " : "")
                    + "usable SUT left)"));
            return;
        }
        Removal cause = null;
        for (Sut sut : suts) {
            for (Removal removal : new Removal[] {sut.failedPlans.get(test.plan.index), sut.removal}) {
                if (removal != null && (cause == null || removal.seq() > cause.seq())) {
                    cause = removal;
                }
            }
        }
        conclude(test, notRun(test, cause == null ? FailureClass.SUT_LOST : cause.cause(),
                "not run: no usable SUT left" + (cause == null ? "" : " (last: " + cause.reason() + ")")));
    }

    private static String name(TestState test) {
        return test.spec.test() + " of plan " + test.spec.plan();
    }
}
