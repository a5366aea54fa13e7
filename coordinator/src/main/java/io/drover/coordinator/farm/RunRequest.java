package io.drover.coordinator.farm;

import io.drover.event.IssueRule;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run to submit: what to run (an fmf tree, plans, context) and where (the pool's SUTs).
 *
 * @param tree        the fmf tree: a path every worker can read, or a git repository's URL (whose root is the tree's)
 * @param ref         the branch, tag or commit of a git repository (which makes {@code tree} one, even as a path);
 *                    null for a path, or for a URL's HEAD
 * @param plans       regexps selecting plans (searched, as tmt does); empty for every enabled plan
 * @param names       regexps narrowing each plan's tests; empty for all
 * @param defaultPlan run tmt's default plan (every test) instead of the tree's plans
 * @param context     the context, dimension to values
 * @param pool        the pool as the user gave it ({@code sim:4}, a file's path), for the record
 * @param suts        the pool's SUTs
 * @param policy      retries and strikes
 * @param knownIssues the run's known-issue rules, in order
 */
public record RunRequest(String tree, String ref, List<String> plans, List<String> names, boolean defaultPlan,
                         Map<String, List<String>> context, String pool, List<RunSut> suts, RunPolicy policy,
                         List<IssueRule> knownIssues) {
    public RunRequest {
        Objects.requireNonNull(tree, "tree");
        if (ref != null && ref.isBlank()) {
            throw new IllegalArgumentException("the git ref is empty");
        }
        plans = List.copyOf(plans);
        names = List.copyOf(names);
        context = Map.copyOf(context);
        suts = List.copyOf(suts);
        policy = policy == null ? RunPolicy.DEFAULT : policy;
        knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
        if (suts.isEmpty()) {
            throw new IllegalArgumentException("the pool has no SUT");
        }
    }

    /** A run of a path's tree. */
    public RunRequest(String tree, List<String> plans, List<String> names, boolean defaultPlan,
                      Map<String, List<String>> context, String pool, List<RunSut> suts, RunPolicy policy) {
        this(tree, null, plans, names, defaultPlan, context, pool, suts, policy, List.of());
    }
}
