package io.drover.worker.farm;

import io.drover.fmf.context.Context;
import io.drover.job.Job;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.Discovery;
import io.drover.tmt.EnvironmentFiles;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtPlan;
import io.drover.tmt.TmtTree;
import io.drover.tree.GitCheckouts;
import io.drover.tree.GitException;
import io.drover.tree.GitFmfTree;
import io.drover.tree.GitUrls;
import io.drover.worker.runner.PlanPhases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The plans of the runs this worker has jobs of, each discovered from its run's tree and context once,
 * as the coordinator discovered them. The runs used last are kept; a run's entry goes at its release.
 * A run from a git repository reads the commit the coordinator resolved, checked out once per commit in
 * the worker's git cache and shared by every run of it.
 * Thread-safe: runs are loaded in parallel, each once.
 */
final class RunTrees {
    private static final int KEPT = 32;
    // a commit that could not be fetched is not tried again for the run's other jobs meanwhile
    private static final Duration FETCH_RETRY = Duration.ofSeconds(30);

    private final Map<String, RunTree> runs = new RecentMap<>(KEPT);
    private final GitCheckouts checkouts;

    /** Checking git repositories out in {@code gitCache} ({@link WorkerConfig#gitCache()}). */
    RunTrees(Path gitCache) {
        this.checkouts = new GitCheckouts(gitCache);
    }

    /**
     * The job's plan. A tree the worker cannot use (a commit it cannot fetch, a missing directory, bad metadata,
     * an unknown plan) is a RuntimeException with a one-line message.
     */
    PlanRun plan(Job job) {
        return run(job).plan(job.plan());
    }

    /** Where the job's tree is on this machine, to send to the SUT: the path, or the commit checked out. */
    String localTree(Job job) {
        return job.ref() == null ? job.tree() : run(job).tree().root().toString();
    }

    private RunTree run(Job job) {
        synchronized (runs) {
            return runs.computeIfAbsent(job.run(), id -> new RunTree(job.tree(), job.ref(), job.context(), checkouts));
        }
    }

    void forget(String run) {
        synchronized (runs) {
            runs.remove(run);
        }
    }

    /** One run's tree, loaded on first use, and its plans, discovered on first use. */
    private static final class RunTree {
        private final String tree;
        private final String ref;
        private final Context context;
        private final GitCheckouts checkouts;
        private final Map<String, PlanRun> plans = new HashMap<>();
        private TmtTree loaded;
        private GitException failed;
        private long failedAt;

        RunTree(String tree, String ref, Map<String, java.util.List<String>> context, GitCheckouts checkouts) {
            this.tree = tree;
            this.ref = ref;
            this.context = new Context(context);
            this.checkouts = checkouts;
        }

        synchronized PlanRun plan(String name) {
            PlanRun plan = plans.get(name);
            if (plan == null) {
                plan = discover(name);
                plans.put(name, plan);
            }
            return plan;
        }

        private PlanRun discover(String name) {
            TmtTree tmt = tree();
            TmtPlan plan = tmt.plans(context).stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseGet(() -> {
                        if (name.equals(TmtPlan.DEFAULT_PLAN_NAME)) {
                            return TmtPlan.defaultPlan();
                        }
                        throw new IllegalArgumentException("the fmf tree " + tree + " has no plan " + name);
                    });
            PlanPhases.check(plan);
            PlanTests tests = new Discovery(tmt).discover(plan, DiscoverRequest.all(context));
            return new PlanRun(plan, tmt.root(), EnvironmentFiles.planEnvironment(plan, tmt.root()), tests.tests());
        }

        synchronized TmtTree tree() {
            if (loaded == null && ref != null) {
                loaded = fromGit();
            }
            if (loaded == null) {
                if (GitUrls.isUrl(tree)) {
                    throw new IllegalArgumentException("the fmf tree " + tree + " is a git URL without a commit");
                }
                if (!Files.isDirectory(Path.of(tree))) {
                    throw new IllegalArgumentException("the fmf tree " + tree + " is not a directory this worker can read");
                }
                loaded = TmtTree.load(Path.of(tree));
            }
            return loaded;
        }

        private TmtTree fromGit() {
            if (failed != null && System.nanoTime() - failedAt < FETCH_RETRY.toNanos()) {
                throw failed;
            }
            try {
                return GitFmfTree.load(checkouts, tree, ref);
            } catch (GitException e) {
                failed = e;
                failedAt = System.nanoTime();
                throw e;
            }
        }
    }
}
