package io.drover.worker.runner;

import io.drover.tmt.TmtTest;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of one test of a plan, as the runner needs it.
 *
 * @param plan            the plan's name, e.g. {@code /plans/smoke}
 * @param name            the test's name in the plan (with the discover phase prefix when there is one)
 * @param serialNumber    the test's serial number in the plan, from 1
 * @param attempt         1 for the first attempt
 * @param test            the test's metadata
 * @param planEnvironment the plan's {@code environment} (and {@code environment-file}) variables
 */
public record TestInvocation(String plan, String name, int serialNumber, int attempt, TmtTest test,
                             Map<String, String> planEnvironment) {
    public TestInvocation {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(test, "test");
        planEnvironment = Map.copyOf(planEnvironment);
        if (attempt < 1 || serialNumber < 1) {
            throw new IllegalArgumentException("attempt and serial number count from 1");
        }
    }

    /** The directory name of this attempt on the SUT, unique within a run. */
    String directoryName() {
        return SafeNames.of(plan) + "--" + serialNumber + "-" + SafeNames.of(name) + "--" + attempt;
    }
}
