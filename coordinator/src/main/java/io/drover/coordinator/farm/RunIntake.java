package io.drover.coordinator.farm;

import io.drover.event.Events;
import io.drover.event.RunCreated;
import io.drover.event.TestPending;
import io.drover.fmf.context.Context;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.Discovery;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtTree;
import io.drover.tree.GitCheckouts;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The split of a run: its plans resolved and its tests discovered with the fmf engine, as the events
 * that record it before anything runs ({@code run.created}, then one {@code test.pending} per test).
 * Those events are the run's whole input: the coordinator schedules from them, again after a restart.
 */
public final class RunIntake {
    /** A tag that gives a test a SUT of its own, not used again in the run. */
    public static final String DESTRUCTIVE = "destructive";

    private RunIntake() {
    }

    /** The split run: its creation and its tests, seq 1 and up. */
    public record SplitRun(RunCreated created, List<TestPending> tests) {
        public String runId() {
            return created.run();
        }
    }

    /** A new run id: the time, then random hex, e.g. {@code 20261122-081500-3fa2}. */
    public static String newRunId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * Discovers the request's tests, checking a git repository out in this user's cache. Bad metadata and unknown
     * plans throw the fmf engine's exceptions (one line naming the file, plan or key), a git repository that cannot
     * be used a {@link io.drover.tree.GitException} (one line naming the URL and ref).
     */
    public static SplitRun split(RunRequest request, String runId) {
        return split(request, runId, GitCheckouts.inUserCache());
    }

    /** The same, checking a git repository out in {@code checkouts}. */
    public static SplitRun split(RunRequest request, String runId, GitCheckouts checkouts) {
        return split(request, runId, IntakeTree.of(request, checkouts));
    }

    /** The same, with the tree already loaded from {@code request.tree()}, a path. */
    public static SplitRun split(RunRequest request, String runId, TmtTree tree) {
        return split(request, runId, IntakeTree.ofPath(tree));
    }

    /** The same, with the tree already read (and a git repository's ref resolved). */
    public static SplitRun split(RunRequest request, String runId, IntakeTree intake) {
        TmtTree tree = intake.loaded();
        DiscoverRequest discover = new DiscoverRequest(request.plans(), request.defaultPlan(),
                new Context(request.context()), null, null, null, null, null, request.names());
        List<PlanTests> plans = new Discovery(tree).discover(discover);
        String ts = Events.now();
        long seq = 1;
        List<TestPending> tests = new ArrayList<>();
        for (PlanTests plan : plans) {
            for (DiscoveredTest test : plan.tests()) {
                tests.add(new TestPending(runId, test.name(), 1, ++seq, ts, plan.plan().name(), test.serialNumber(),
                        test.test().durationSeconds() * 1000, test.test().tag().contains(DESTRUCTIVE)));
            }
        }
        RunCreated created = new RunCreated(runId, 1, ts, intake.tree(), intake.commit(),
                plans.stream().map(p -> p.plan().name()).toList(), request.context(), tests.size(), request.pool(),
                request.suts(), request.policy(), request.knownIssues());
        return new SplitRun(created, tests);
    }
}
