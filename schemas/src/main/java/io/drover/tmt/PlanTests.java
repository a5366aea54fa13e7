package io.drover.tmt;

import java.util.List;

/** A plan and the tests it will run, in order. */
public record PlanTests(TmtPlan plan, List<DiscoveredTest> tests) {
    public PlanTests {
        tests = List.copyOf(tests);
    }
}
