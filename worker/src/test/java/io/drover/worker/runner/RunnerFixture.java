package io.drover.worker.runner;

import io.drover.fmf.context.Context;
import io.drover.result.TestOutcome;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.Discovery;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtTree;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An fmf tree written from text, a SUT workspace for it and what it takes to run its tests one at
 * a time. The tree has one plan, {@code /plan}, discovering every test.
 */
final class RunnerFixture implements AutoCloseable {
    static final String PLAN = "/plan";

    final Path tree;
    final Path artifacts;
    final SutConnection sut;
    final SutWorkspace workspace;
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService blocking = Executors.newCachedThreadPool();
    private final List<DiscoveredTest> tests;
    private final Map<String, String> planEnvironment;

    /** {@code tests} is the fmf text of the root {@code main.fmf}; {@code plan} extra keys of the plan. */
    RunnerFixture(Path dir, SutConnection sut, String tests, String plan) throws IOException, SutException {
        this(dir, sut, tests, plan, null);
    }

    /** As above, the runner working under {@code workRoot} on the SUT (null: its default). */
    RunnerFixture(Path dir, SutConnection sut, String tests, String plan, String workRoot)
            throws IOException, SutException {
        this.tree = Files.createDirectories(dir.resolve("tree"));
        this.artifacts = Files.createDirectories(dir.resolve("artifacts"));
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Files.writeString(tree.resolve("plan.fmf"), "discover:\n  how: fmf\nexecute:\n  how: tmt\n" + plan);
        Files.writeString(tree.resolve("main.fmf"), tests);
        PlanTests planTests = new Discovery(TmtTree.load(tree)).discover(DiscoverRequest.all(Context.empty())).get(0);
        this.tests = planTests.tests();
        this.planEnvironment = planTests.plan().environment();
        this.sut = sut;
        this.workspace = SutWorkspace.open(sut, "run-1", tree, workRoot);
    }

    TestExecution execution(String name, int attempt, ExecutionSettings settings) {
        DiscoveredTest test = tests.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test " + name + " in " + tests));
        TestInvocation invocation = new TestInvocation(PLAN, test.name(), test.serialNumber(), attempt, test.test(),
                planEnvironment);
        return new TestExecution(workspace, invocation,
                artifacts.resolve(SafeNames.of(name)).resolve("attempt-" + attempt), "run-1", settings, timers, blocking);
    }

    TestOutcome run(String name, ExecutionSettings settings) throws Exception {
        return execution(name, 1, settings).start().get(120, TimeUnit.SECONDS);
    }

    TestOutcome run(String name) throws Exception {
        return run(name, ExecutionSettings.defaults().withGrace(java.time.Duration.ofSeconds(2)));
    }

    static String results(TestOutcome outcome) throws IOException {
        return Files.readString(outcome.artifacts().resolve("results"));
    }

    static String file(TestOutcome outcome, String name) throws IOException {
        return Files.readString(outcome.artifacts().resolve("files").resolve(name));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        blocking.shutdownNow();
        sut.close();
    }
}
