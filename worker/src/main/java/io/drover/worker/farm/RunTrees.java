package io.drover.worker.farm;

import io.drover.fmf.context.Context;
import io.drover.job.Job;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.Discovery;
import io.drover.tmt.EnvironmentFiles;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtPlan;
import io.drover.tmt.TmtTree;
import io.drover.worker.runner.PlanPhases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The plans of the runs this worker has jobs of, each discovered from its run's tree and context once,
 * as the coordinator discovered them. The runs used last are kept; a run's entry goes at its release.
 * Thread-safe: runs are loaded in parallel, each once.
 */
final class RunTrees {
    private static final int KEPT = 32;

    private final Map<String, RunTree> runs = new RecentMap<>(KEPT);

    /**
     * The job's plan. A tree the worker cannot use (a git URL, a missing directory, bad metadata, an unknown
     * plan) is a RuntimeException with a one-line message.
     */
    PlanRun plan(Job job) {
        RunTree run;
        synchronized (runs) {
            run = runs.computeIfAbsent(job.run(), id -> new RunTree(job.tree(), job.ref(), job.context()));
        }
        return run.plan(job.plan());
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
        private final Map<String, PlanRun> plans = new HashMap<>();
        private TmtTree loaded;

        RunTree(String tree, String ref, Map<String, java.util.List<String>> context) {
            this.tree = tree;
            this.ref = ref;
            this.context = new Context(context);
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

        private TmtTree tree() {
            if (loaded == null) {
                if (ref != null || tree.contains("://") || tree.startsWith("git@")) {
                    throw new IllegalArgumentException("the fmf tree " + tree + " is a git URL; workers read trees"
                            + " from paths only, for now");
                }
                if (!Files.isDirectory(Path.of(tree))) {
                    throw new IllegalArgumentException("the fmf tree " + tree + " is not a directory this worker can read");
                }
                loaded = TmtTree.load(Path.of(tree));
            }
            return loaded;
        }
    }
}
