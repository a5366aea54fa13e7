package io.drover.worker.runner;

import io.drover.result.ArtifactLayout;
import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.EnvironmentFiles;
import io.drover.tmt.PlanTests;
import io.drover.tmt.SpecificationException;
import io.drover.tmt.TmtPlan;
import io.drover.sut.SutAddress;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs plans on a set of SUTs in this process: the plans one after another, each plan's tests
 * shared among the SUTs (a free SUT takes the next test). Per SUT: the run's workspace once, the
 * plan's prepare before its first test there and its finish after its last. A SUT that is lost,
 * or whose workspace fails, takes no more tests; one whose prepare fails takes none of that plan's;
 * tests no SUT could take end as not run with the reason. No thread per SUT or test: each SUT is
 * a chain of futures.
 *
 * <p>Artifacts: {@code <artifacts>/<plan>/<test>/attempt-1/} per test ({@code results},
 * {@code files/}), and {@code <artifacts>/<plan>/<step>-<sut>.log} for prepare and finish output.
 */
public final class PlanExecution {
    /** What a run reports as it goes; called from the run's threads. */
    public interface Listener {
        default void sutReady(SutAddress sut) {
        }

        default void sutFailed(SutAddress sut, String reason) {
        }

        default void testStarted(TestInvocation test, SutAddress sut) {
        }

        default void testFinished(TestOutcome outcome, SutAddress sut) {
        }

        /** A finish phase failed: tests are not affected. */
        default void finishFailed(String plan, SutAddress sut, String reason) {
        }
    }

    private final List<SutConnection> suts;
    private final List<PlanTests> plans;
    private final Path tree;
    private final Path artifacts;
    private final String runId;
    private final ExecutionSettings settings;
    private final Listener listener;
    private final ScheduledExecutorService timers;
    private final ExecutorService blocking;
    private final Map<SutConnection, SutWorkspace> workspaces = new ConcurrentHashMap<>();
    private final Set<SutConnection> failed = ConcurrentHashMap.newKeySet();
    private final Set<TestExecution> running = ConcurrentHashMap.newKeySet();
    private final List<TestOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private volatile String stopReason;
    private volatile SutFailure lastSutFailure;

    /** Why the last SUT was taken out of the run. */
    private record SutFailure(boolean setup, String reason) {
    }
    private volatile boolean aborted;

    public PlanExecution(List<SutConnection> suts, List<PlanTests> plans, Path tree, Path artifacts, String runId,
                         ExecutionSettings settings, Listener listener, ScheduledExecutorService timers,
                         ExecutorService blocking) {
        if (suts.isEmpty()) {
            throw new IllegalArgumentException("no SUT to run on");
        }
        Set<SutAddress> seen = new java.util.HashSet<>();
        for (SutConnection sut : suts) {
            if (!seen.add(sut.address())) {
                throw new IllegalArgumentException("SUT " + sut.address().display()
                        + " is given twice; a SUT runs one test at a time");
            }
        }
        plans.forEach(PlanExecution::check);
        this.suts = List.copyOf(suts);
        this.plans = List.copyOf(plans);
        this.tree = tree;
        this.artifacts = artifacts;
        this.runId = runId;
        this.settings = settings;
        this.listener = listener;
        this.timers = timers;
        this.blocking = blocking;
    }

    /** Refuses, before anything runs, what no SUT could run: unknown phases, bad variable names. */
    private static void check(PlanTests planTests) {
        TmtPlan plan = planTests.plan();
        PlanPhases.check(plan);
        plan.environment().keySet().forEach(name -> checkVariable(name, "plan " + plan.name()));
        planTests.tests().forEach(t -> t.test().environment().keySet()
                .forEach(name -> checkVariable(name, "test " + t.name())));
    }

    private static void checkVariable(String name, String where) {
        if (!ShellScripts.isVariableName(name)) {
            throw new SpecificationException(where + ": environment variable name '" + name
                    + "' is not valid in a shell");
        }
    }

    /**
     * Runs every plan; returns the outcomes in the order the tests ended. At the end, each SUT's
     * run directory is removed (the fmf tree is kept for the next run) unless {@code keepSutFiles}.
     */
    public List<TestOutcome> run() throws InterruptedException {
        for (PlanTests plan : plans) {
            runPlan(plan);
        }
        if (!settings.keepSutFiles()) {
            workspaces.forEach((sut, workspace) -> {
                if (!failed.contains(sut)) {
                    workspace.removeRun();
                }
            });
        }
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** Stops the run: no test starts any more and running ones are cancelled. */
    public void cancel(String reason) {
        stopReason = reason;
        running.forEach(execution -> execution.cancel(reason));
    }

    private void runPlan(PlanTests planTests) throws InterruptedException {
        TmtPlan plan = planTests.plan();
        Map<String, String> environment = EnvironmentFiles.planEnvironment(plan, tree);
        Queue<DiscoveredTest> queue = new ConcurrentLinkedQueue<>(planTests.tests());
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (SutConnection sut : suts) {
            if (!failed.contains(sut)) {
                // finish only where the plan was prepared, as the coordinator's schedule does
                chains.add(CompletableFuture.supplyAsync(() -> setUp(sut, plan, environment), blocking)
                        .thenCompose(ready -> ready ? nextTest(sut, plan, environment, queue).thenApply(v -> true)
                                : CompletableFuture.completedFuture(false))
                        .thenAcceptAsync(prepared -> {
                            if (prepared) {
                                finish(sut, plan, environment);
                            }
                        }, blocking));
            }
        }
        try {
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a SUT's run failed unexpectedly", e.getCause());
        }
        for (DiscoveredTest left; (left = queue.poll()) != null; ) {
            FailureClass why = stopReason != null || aborted ? FailureClass.CANCELLED
                    : lastSutFailure != null && lastSutFailure.setup() ? FailureClass.SUT_SETUP : FailureClass.SUT_LOST;
            String reason = stopReason != null ? stopReason
                    : aborted ? "not run: an earlier test aborted the run (tmt-abort)"
                    : "not run: no usable SUT left" + (lastSutFailure == null ? "" : " (last: " + lastSutFailure.reason() + ")");
            TestOutcome outcome = new TestOutcome(left.name(), 1, "infra", why, reason, null, 0, 0, Duration.ZERO, null);
            outcomes.add(outcome);
            listener.testFinished(outcome, null);
        }
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /** The run's workspace on this SUT (once) and the plan's prepare there. */
    /**
     * The run's workspace on this SUT (once) and the plan's prepare there. A SUT whose workspace
     * cannot be made, or that is lost, is out of the run; one whose prepare fails is out of this plan.
     */
    private boolean setUp(SutConnection sut, TmtPlan plan, Map<String, String> environment) {
        boolean runWide = true;
        try {
            SutWorkspace workspace = workspaces.get(sut);
            if (workspace == null) {
                workspace = SutWorkspace.open(sut, runId, tree, settings.workRoot());
                workspaces.put(sut, workspace);
                listener.sutReady(sut.address());
            }
            runWide = false;
            workspace.preparePlan(plan.name());
            PlanPhases.prepare(workspace, plan, environment, phaseLog(plan, "prepare", sut));
            return true;
        } catch (SutException e) {
            if (runWide || e.failureClass() == SutFailureClass.LOST) {
                failed.add(sut);
            }
            lastSutFailure = new SutFailure(e.failureClass() == SutFailureClass.SETUP, e.getMessage());
            listener.sutFailed(sut.address(), e.getMessage());
            return false;
        }
    }

    private CompletableFuture<Void> nextTest(SutConnection sut, TmtPlan plan, Map<String, String> environment,
                                             Queue<DiscoveredTest> queue) {
        if (stopReason != null || aborted || failed.contains(sut)) {
            return done();
        }
        DiscoveredTest test = queue.poll();
        if (test == null) {
            return done();
        }
        TestInvocation invocation = new TestInvocation(plan.name(), test.name(), test.serialNumber(), 1, test.test(),
                environment);
        TestExecution execution = new TestExecution(workspaces.get(sut), invocation,
                attemptDir(plan.name(), test.name(), 1), runId, settings, timers, blocking);
        running.add(execution);
        listener.testStarted(invocation, sut.address());
        if (stopReason != null) {
            execution.cancel(stopReason);
        }
        return execution.start().handle((outcome, failure) -> {
            running.remove(execution);
            if (failure != null) {
                outcome = new TestOutcome(test.name(), 1, "infra", FailureClass.SUT_SETUP,
                        "cannot write the artifacts: " + failure.getMessage(), null, 0, 0, Duration.ZERO, null);
            }
            outcomes.add(outcome);
            if (outcome.failureClass() == FailureClass.SUT_LOST) {
                failed.add(sut);
                lastSutFailure = new SutFailure(false, outcome.reason());
                listener.sutFailed(sut.address(), outcome.reason());
            }
            if (execution.abortedRun()) {
                aborted = true;
            }
            listener.testFinished(outcome, sut.address());
            return outcome;
        }).thenCompose(outcome -> nextTest(sut, plan, environment, queue));
    }

    private void finish(SutConnection sut, TmtPlan plan, Map<String, String> environment) {
        SutWorkspace workspace = workspaces.get(sut);
        if (workspace == null || failed.contains(sut) || plan.finish().isEmpty()) {
            return;
        }
        try {
            PlanPhases.finish(workspace, plan, environment, phaseLog(plan, "finish", sut));
        } catch (SutException e) {
            listener.finishFailed(plan.name(), sut.address(), e.getMessage());
            if (e.failureClass() == SutFailureClass.LOST) {
                failed.add(sut);
            }
        }
    }

    /** {@code <artifacts>/<plan>/<test>/attempt-<n>}, the names without their leading slash. */
    public Path attemptDir(String plan, String test, int attempt) {
        return attemptDir(artifacts, plan, test, attempt);
    }

    /** {@code <artifacts>/<plan>/<test>/attempt-<n>} under any artifacts directory. */
    public static Path attemptDir(Path artifacts, String plan, String test, int attempt) {
        return ArtifactLayout.attemptDir(artifacts, plan, test, attempt);
    }

    private Path phaseLog(TmtPlan plan, String step, SutConnection sut) throws SutException {
        return phaseLog(artifacts, plan.name(), step, sut.address());
    }

    /** The log of a plan's {@code step} (prepare, finish) on a SUT: {@code <artifacts>/<plan>/<step>-<sut>.log}. */
    public static Path phaseLog(Path artifacts, String plan, String step, SutAddress sut) throws SutException {
        Path dir = ArtifactLayout.planDir(artifacts, plan);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SutException(SutFailureClass.SETUP, "cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve(step + "-" + SafeNames.of(sut.display()) + ".log");
    }
}
