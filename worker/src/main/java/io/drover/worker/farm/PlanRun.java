package io.drover.worker.farm;

import io.drover.job.Job;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.TmtPlan;
import io.drover.worker.runner.TestInvocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A plan of a run as this worker discovered it from the run's tree and context.
 *
 * @param plan        the plan, its prepare and finish phases
 * @param treeRoot    the fmf tree's root
 * @param environment the plan's environment (and environment files)
 * @param tests       the tests it runs
 */
record PlanRun(TmtPlan plan, Path treeRoot, Map<String, String> environment, List<DiscoveredTest> tests) {
    /**
     * The attempt a test job asks for. The plan's name and the serial number identify the test; when they do
     * not (the run was discovered with names narrowing the plan, which renumbers it) the first test of that
     * name is taken. The job's own name, serial and attempt are kept, as the coordinator knows them.
     */
    TestInvocation invocation(Job job) {
        DiscoveredTest test = tests.stream().filter(t -> t.serialNumber() == job.serial() && t.name().equals(job.test()))
                .findFirst()
                .or(() -> tests.stream().filter(t -> t.name().equals(job.test())).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("plan " + plan.name() + " of " + treeRoot
                        + " has no test " + job.test() + " in this run's context"));
        return new TestInvocation(plan.name(), job.test(), job.serial(), job.attempt(), test.test(), environment);
    }
}
