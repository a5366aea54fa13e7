package io.drover.coordinator.farm;

import io.drover.coordinator.policy.KnownIssue;
import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.coordinator.schedule.Dispatch;
import io.drover.coordinator.schedule.JobOutcome;
import io.drover.coordinator.schedule.PlannedTest;
import io.drover.coordinator.schedule.PoolSut;
import io.drover.coordinator.schedule.RetryPolicy;
import io.drover.coordinator.schedule.RunSchedule;
import io.drover.coordinator.schedule.SutView;
import io.drover.event.Event;
import io.drover.event.Events;
import io.drover.event.JobFinished;
import io.drover.event.RunCancelled;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.SutState;
import io.drover.event.TestPending;
import io.drover.event.TestVerdict;
import io.drover.job.Job;
import io.drover.result.FailureClass;
import io.drover.result.RunTally;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run as the coordinator follows it: built from the run's {@code run.created} and
 * {@code test.pending} events, fed the {@code job.finished} and {@code run.cancelled} events in the
 * order of the run's partition, it says which jobs to publish and which events to add. Deterministic:
 * fed the same events again (after a restart) it makes the same decisions and the same events with the
 * same sequence numbers, so the coordinator can rebuild it by replaying the partition and tell which of
 * its events were published. Pure logic, not thread-safe.
 */
public final class RunLedger {
    /** What to publish after an event: jobs for {@code drover.jobs} and events for {@code drover.events}. */
    public record Output(List<Job> jobs, List<Event> events) {
        static final Output NONE = new Output(List.of(), List.of());
    }

    private final RunCreated created;
    private final List<PlannedTest> planned = new ArrayList<>();
    private final Map<String, Job> outstanding = new LinkedHashMap<>();
    private final Map<String, SutView> sutViews = new HashMap<>();
    private final KnownIssueRules knownIssues;
    /** The day rules expire by: the run's, so that replaying it on another day decides the same. */
    private final LocalDate day;
    /** Per test (plan, NUL, name), the output patterns its latest failed attempt found, while any were found. */
    private final Map<String, OutputFound> outputFound = new HashMap<>();
    private RunSchedule schedule;
    private long seq;
    private RunTally tally = RunTally.EMPTY;
    private boolean finishedTold;

    private record OutputFound(int attempt, List<String> patterns) {
    }

    /**
     * The ledger of a run, whose known-issue rules are its own and then the farm's; a bad rule in {@code created}
     * is an {@link IllegalArgumentException}.
     */
    public RunLedger(RunCreated created, KnownIssueRules farmRules) {
        this.created = created;
        this.knownIssues = KnownIssueRules.of(created.knownIssues()).then(farmRules);
        this.day = LocalDate.ofInstant(Instant.parse(created.ts()), ZoneId.systemDefault());
        this.seq = created.seq() + created.tests();
    }

    public String runId() {
        return created.run();
    }

    /** Takes a test of the run; once all are in, schedules the first jobs. */
    public Output pending(TestPending test) {
        if (schedule != null) {
            return Output.NONE;
        }
        planned.add(new PlannedTest(test.plan(), test.test(), test.serial(), Duration.ofMillis(test.expectedMs()),
                test.destructive()));
        return planned.size() == created.tests() ? start() : Output.NONE;
    }

    private Output start() {
        RunPolicy policy = created.policy() == null ? RunPolicy.DEFAULT : created.policy();
        List<PoolSut> pool = created.suts().stream().map(s -> new PoolSut(s.id(), s.address())).toList();
        schedule = new RunSchedule(created.run(), planned, pool,
                new RetryPolicy(policy.infraRetries(), policy.testRetries(), policy.sutStrikes()));
        planned.clear();
        return advance();
    }

    /** A job ended; a duplicate end, or one of a job this run never published, changes nothing. */
    public Output jobFinished(JobFinished end) {
        if (schedule == null || outstanding.remove(end.job()) == null) {
            return Output.NONE;
        }
        if (!end.outputMatches().isEmpty()) {
            outputFound.put(testKey(end.plan(), end.test()), new OutputFound(end.attempt(), end.outputMatches()));
        }
        FailureClass failure = end.failureClass() == null ? null : FailureClass.of(end.failureClass());
        schedule.ended(end.job(), new JobOutcome(end.status(), failure, end.reason()));
        return advance();
    }

    /** A cancel of the whole run or of one test. */
    public Output cancelled(RunCancelled cancel) {
        if (schedule == null) {
            return Output.NONE;
        }
        if (cancel.test() == null) {
            schedule.cancelRun(cancel.reason());
        } else {
            schedule.cancelTest(cancel.plan(), cancel.test(), cancel.reason());
        }
        return advance();
    }

    /** The jobs published and not ended yet: what to publish again after a restart. */
    public Collection<Job> outstanding() {
        return List.copyOf(outstanding.values());
    }

    /** The run's SUTs as its schedule sees them now; none before all its tests are in. */
    public List<SutView> suts() {
        return schedule == null ? List.of() : schedule.suts();
    }

    /** Whether the run is over and its {@code run.finished} was made. */
    public boolean finished() {
        return finishedTold;
    }

    private static String testKey(String plan, String test) {
        return plan + '\0' + test;
    }

    /** The verdict's known issue; a failed verdict's only. */
    private String knownIssue(io.drover.coordinator.schedule.TestVerdict verdict, int attempt) {
        OutputFound found = outputFound.remove(testKey(verdict.plan(), verdict.test()));
        if (verdict.failureClass() == null) {
            return null;
        }
        List<String> patterns = found != null && found.attempt() == attempt ? found.patterns() : List.of();
        return knownIssues.match(verdict.test(), verdict.status(), verdict.reason(), created.context(), patterns, day)
                .map(KnownIssue::issue).orElse(null);
    }

    private Output advance() {
        List<Job> jobs = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        String ts = Events.now();
        for (Dispatch dispatch : schedule.next()) {
            List<String> outputPatterns = dispatch.test() == null ? List.of()
                    : knownIssues.outputPatterns(dispatch.test(), created.context(), day);
            Job job = new Job(dispatch.type(), created.run(), dispatch.jobId(), dispatch.sut(),
                    schedule.sut(dispatch.sut()).address(), created.tree(), created.ref(), created.context(),
                    dispatch.plan(), dispatch.test(), dispatch.serial(), dispatch.attempt(), ts, outputPatterns);
            outstanding.put(job.id(), job);
            jobs.add(job);
        }
        for (io.drover.coordinator.schedule.TestVerdict verdict : schedule.takeNewVerdicts()) {
            tally = tally.plus(RunTally.kind(verdict.status(), verdict.failureClass()));
            int attempt = verdict.notRun() ? 0 : verdict.lastAttempt();
            String issue = knownIssue(verdict, attempt);
            events.add(new TestVerdict(created.run(), verdict.test(), attempt, ++seq, ts, verdict.plan(),
                    verdict.serial(), verdict.status(),
                    verdict.failureClass() == null ? null : verdict.failureClass().text(), verdict.reason(),
                    verdict.flaky(), issue));
        }
        for (SutView view : schedule.suts()) {
            SutView before = sutViews.put(view.id(), view);
            boolean changed = before == null ? !"ready".equals(view.state()) : !before.state().equals(view.state());
            if (changed && !"busy".equals(view.state())) {
                events.add(new SutState(created.run(), ++seq, ts, view.id(), view.address(), view.state(),
                        view.reason()));
            }
        }
        if (!finishedTold && schedule.finished()) {
            finishedTold = true;
            events.add(new RunFinished(created.run(), ++seq, ts, tally.passed(), tally.failed(), tally.errored(),
                    tally.skipped(), tally.infrastructure(), tally.exitCode()));
        }
        return new Output(jobs, events);
    }
}
