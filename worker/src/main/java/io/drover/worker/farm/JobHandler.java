package io.drover.worker.farm;

import io.drover.event.EventCodec;
import io.drover.event.JobFinished;
import io.drover.job.ControlRequest;
import io.drover.job.Job;
import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import io.drover.tree.FileTrees;
import io.drover.worker.runner.PlanExecution;
import io.drover.worker.runner.PlanPhases;
import io.drover.worker.runner.SutWorkspace;
import io.drover.worker.runner.TestExecution;
import io.drover.worker.runner.TestInvocation;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the jobs a worker receives, without Kafka: each SUT's jobs one at a time in order on its
 * {@link SutLane}, at most {@code capacity} jobs at once, what happens published on an {@link EventSink}.
 * A job is ignored when a copy of it is queued or running here already, and a job delivered again after
 * another worker was lost does not run twice: a test still on the SUT is re-attached, a prepare or finish
 * that ended answers with its recorded end, and a released run's jobs are dropped (see {@link SutMarkers}).
 */
public final class JobHandler implements AutoCloseable {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final int CANCELS_KEPT = 1000;

    private final WorkerConfig config;
    private final SutConnector connector;
    private final EventSink sink;
    private final ScheduledExecutorService timers;
    private final ExecutorService blocking;
    private final PrintStream log;
    private final Slots slots;
    private final RunTrees trees;
    private final Map<String, SutLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, ActiveJob> active = new ConcurrentHashMap<>();
    // run, or run + plan + test, to the reason; guarded by itself
    private final Map<String, String> cancelled = new RecentMap<>(CANCELS_KEPT);

    /** Uses of {@code config}: the worker's id, capacity, artifacts root and execution settings. */
    public JobHandler(WorkerConfig config, SutConnector connector, EventSink sink, ScheduledExecutorService timers,
                      ExecutorService blocking, PrintStream log) {
        this.config = config;
        this.connector = connector;
        this.sink = sink;
        this.timers = timers;
        this.blocking = blocking;
        this.log = log;
        this.slots = new Slots(config.capacity());
        this.trees = new RunTrees(config.gitCache());
    }

    /**
     * Takes a job without waiting for anything. The future completes, never exceptionally, once the job is
     * done with: ended and published, ignored, or abandoned.
     */
    public CompletableFuture<Void> submit(Job job) {
        return submit(job, true);
    }

    /**
     * The same, saying whether the job may have been delivered before (to a worker since lost, or again by a
     * restarted coordinator): only then does a test job look on the SUT for a release or an attempt to
     * re-attach to, which costs a command on the SUT.
     */
    public CompletableFuture<Void> submit(Job job, boolean mayHaveRun) {
        ActiveJob entry = new ActiveJob(job);
        if (active.putIfAbsent(job.id(), entry) != null) {
            return DONE;
        }
        SutLane lane = lanes.computeIfAbsent(job.sut(), sut -> new SutLane(connector, config.settings()));
        return lane.then(() -> entry.abandoned() ? DONE : slots.acquire()
                        .thenCompose(slot -> CompletableFuture.supplyAsync(() -> begin(entry, lane, mayHaveRun), blocking)
                                .thenCompose(end -> end)
                                .whenComplete((v, e) -> slots.release())))
                .handle((v, e) -> {
                    if (e != null) {
                        log.println("drover: worker " + config.workerId() + ": job " + job.id() + " failed: " + e);
                    }
                    active.remove(job.id(), entry);
                    return null;
                });
    }

    /** Cancels the run's running tests (or the one test's), and its queued jobs but releases. */
    public void cancel(ControlRequest request) {
        String reason = request.reason() == null || request.reason().isBlank()
                ? (request.wholeRun() ? "the run was cancelled" : "the test was cancelled") : request.reason();
        synchronized (cancelled) {
            cancelled.put(cancelKey(request.run(), request.plan(), request.test()), reason);
        }
        for (ActiveJob entry : active.values()) {
            Job job = entry.job();
            TestExecution execution = entry.execution();
            if (execution != null && job.run().equals(request.run())
                    && (request.wholeRun() || request.plan().equals(job.plan()) && request.test().equals(job.test()))) {
                execution.cancel(reason);
            }
        }
    }

    /**
     * Lets go of a SUT (its partition moved to another worker): its jobs publish nothing more and its
     * running test is left running there, for the new owner to re-attach to.
     */
    public void abandon(String sut) {
        SutLane lane = lanes.remove(sut);
        active.forEach((id, entry) -> {
            if (entry.job().sut().equals(sut) && active.remove(id, entry)) {
                entry.abandon("worker " + config.workerId() + " let go of SUT " + sut);
            }
        });
        if (lane != null) {
            lane.abandon();
        }
    }

    /** How many jobs run now. */
    public int running() {
        return slots.used();
    }

    /** How many jobs are queued or running. */
    public int pending() {
        return active.size();
    }

    /** Lets go of every SUT, leaving their tests running. */
    @Override
    public void close() {
        lanes.keySet().forEach(this::abandon);
    }

    /** The job's first steps (they block); completes when it ended. */
    private CompletableFuture<Void> begin(ActiveJob entry, SutLane lane, boolean mayHaveRun) {
        Job job = entry.job();
        if (entry.abandoned()) {
            return DONE;
        }
        try {
            SutWorkspace where = lane.located(job.run(), job.tree(), job.address());
            if (Job.TEST.equals(job.type())) {
                return test(entry, lane, mayHaveRun);
            }
            Optional<String> released = SutMarkers.released(where);
            if (released.isPresent()) {
                if (Job.RELEASE.equals(job.type())) {
                    republish(entry, released.get());
                }
                return DONE;
            }
            return switch (job.type()) {
                case Job.PREPARE, Job.FINISH -> phase(entry, lane, where);
                default -> release(entry, lane, where);
            };
        } catch (SutException e) {
            return endNotRun(entry, failureClass(e), e.getMessage());
        }
    }

    private CompletableFuture<Void> phase(ActiveJob entry, SutLane lane, SutWorkspace where) throws SutException {
        Job job = entry.job();
        Optional<String> ended = SutMarkers.done(where, job);
        if (ended.isPresent()) {
            republish(entry, ended.get());
            return DONE;
        }
        String cancel = cancelReason(job);
        if (cancel != null) {
            return endNotRun(entry, FailureClass.CANCELLED, cancel);
        }
        PlanRun plan;
        try {
            plan = trees.plan(job);
        } catch (RuntimeException e) {
            return endNotRun(entry, FailureClass.SUT_SETUP, treeProblem(e));
        }
        SutWorkspace workspace = lane.opened(job.run(), trees.localTree(job), job.address());
        JobFinished end;
        try {
            workspace.preparePlan(plan.plan().name());
            Path log = PlanExecution.phaseLog(config.artifactsRoot().resolve(job.run()), plan.plan().name(), job.type(),
                    workspace.sut().address());
            if (Job.PREPARE.equals(job.type())) {
                PlanPhases.prepare(workspace, plan.plan(), plan.environment(), log);
            } else {
                PlanPhases.finish(workspace, plan.plan(), plan.environment(), log);
            }
            end = JobEnds.passed(job, config.workerId());
        } catch (SutException e) {
            end = JobEnds.of(job, config.workerId(), "infra", failureClass(e), e.getMessage());
        }
        if (entry.abandoned()) {
            return DONE;
        }
        try {
            SutMarkers.markDone(workspace, job, EventCodec.write(end));
        } catch (SutException e) {
            // without the mark, a copy of the job delivered again runs the phase again
        }
        publish(entry, end);
        return DONE;
    }

    private CompletableFuture<Void> release(ActiveJob entry, SutLane lane, SutWorkspace where) throws SutException {
        Job job = entry.job();
        JobFinished end = JobEnds.passed(job, config.workerId());
        SutMarkers.markReleased(where, EventCodec.write(end));
        if (!config.settings().keepSutFiles()) {
            where.removeRun();
        }
        lane.forget(job.run());
        if (lanes.values().stream().noneMatch(other -> other.hasRun(job.run()))) {
            trees.forget(job.run());
        }
        publish(entry, end);
        return DONE;
    }

    private CompletableFuture<Void> test(ActiveJob entry, SutLane lane, boolean mayHaveRun) throws SutException {
        Job job = entry.job();
        AttemptEvents events = new AttemptEvents(entry, sink, config.workerId());
        String cancel = cancelReason(job);
        if (cancel != null) {
            events.finished(JobEnds.notRun(job, FailureClass.CANCELLED, cancel));
            return DONE;
        }
        TestInvocation invocation;
        try {
            invocation = trees.plan(job).invocation(job);
        } catch (RuntimeException e) {
            events.finished(JobEnds.notRun(job, FailureClass.SUT_SETUP, treeProblem(e)));
            return DONE;
        }
        SutWorkspace workspace = lane.opened(job.run(), trees.localTree(job), job.address());
        SutMarkers.TestProbe probe = mayHaveRun ? SutMarkers.probe(workspace, invocation)
                : new SutMarkers.TestProbe(Optional.empty(), Optional.empty());
        if (probe.released().isPresent()) {
            return DONE;
        }
        Optional<SutMarkers.Started> started = probe.started();
        if (started.isPresent() && started.get().segment() > 0) {
            return notReattached(entry, workspace, invocation, started.get().segment());
        }
        Path artifacts = PlanExecution.attemptDir(config.artifactsRoot().resolve(job.run()), job.plan(), job.test(),
                job.attempt());
        try {
            FileTrees.delete(artifacts);
        } catch (IOException e) {
            events.finished(JobEnds.notRun(job, FailureClass.SUT_SETUP, "cannot write the artifacts: " + e.getMessage()));
            return DONE;
        }
        TestExecution execution = new TestExecution(workspace, invocation, artifacts, job.run(), config.settings(),
                timers, blocking).listener(events);
        if (!entry.attach(execution)) {
            return DONE;
        }
        String late = cancelReason(job);
        if (late != null) {
            execution.cancel(late);
        }
        CompletableFuture<TestOutcome> outcome = started.isPresent() ? execution.resume(started.get().controlBytes())
                : execution.start();
        return outcome.handle((ended, failure) -> failure == null ? ended : JobEnds.notRun(job,
                        FailureClass.SUT_SETUP, "cannot write the artifacts: " + failure.getMessage()))
                .thenAcceptAsync(ended -> {
                    // the attempt's results and the files it uploaded, for stores on other machines
                    events.files(artifacts, log);
                    events.finished(ended);
                }, blocking);
    }

    /**
     * The test rebooted or restarted before its worker was lost: its spools cannot be read again from the
     * start, so it is stopped and retried. Only {@code job.finished}: the lost worker numbered its events.
     */
    private CompletableFuture<Void> notReattached(ActiveJob entry, SutWorkspace workspace, TestInvocation invocation,
                                                  int segment) {
        try {
            workspace.sut().run(workspace.runner() + " cancel "
                    + io.drover.worker.sut.ShellWords.quote(workspace.invocationDir(invocation)), Duration.ofSeconds(30));
        } catch (SutException e) {
            // the SUT is going away anyway; the retry goes elsewhere
        }
        publish(entry, JobEnds.of(entry.job(), config.workerId(), "infra", FailureClass.WORKER_LOST,
                "the worker running the test was lost after it rebooted or restarted (segment " + segment
                        + "); re-attaching after a reboot is not supported yet"));
        return DONE;
    }

    /** A job that could not start: a test's {@code test.finished} first, then {@code job.finished}. */
    private CompletableFuture<Void> endNotRun(ActiveJob entry, FailureClass failure, String reason) {
        Job job = entry.job();
        if (Job.TEST.equals(job.type())) {
            new AttemptEvents(entry, sink, config.workerId()).finished(JobEnds.notRun(job, failure, reason));
        } else {
            publish(entry, JobEnds.of(job, config.workerId(), "infra", failure, reason));
        }
        return DONE;
    }

    private void publish(ActiveJob entry, JobFinished end) {
        if (!entry.abandoned()) {
            sink.event(end);
        }
    }

    /** A job's end recorded on the SUT, published again as it was. */
    private void republish(ActiveJob entry, String line) {
        try {
            if (!entry.abandoned()) {
                sink.event(EventCodec.read(line));
            }
        } catch (IllegalArgumentException e) {
            log.println("drover: worker " + config.workerId() + ": job " + entry.job().id()
                    + ": the end recorded on the SUT is not an event (" + e.getMessage() + "); not published");
        }
    }

    private String cancelReason(Job job) {
        synchronized (cancelled) {
            String run = cancelled.get(cancelKey(job.run(), null, null));
            if (run != null || !Job.TEST.equals(job.type())) {
                return run;
            }
            return cancelled.get(cancelKey(job.run(), job.plan(), job.test()));
        }
    }

    private static String cancelKey(String run, String plan, String test) {
        return plan == null ? run : run + "\n" + plan + "\n" + test;
    }

    private String treeProblem(RuntimeException e) {
        return "worker " + config.workerId() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static FailureClass failureClass(SutException e) {
        return e.failureClass() == SutFailureClass.SETUP ? FailureClass.SUT_SETUP : FailureClass.SUT_LOST;
    }
}
