package io.drover.event;

import java.util.List;
import java.util.Map;

/**
 * A run was accepted: what it runs and where. With the run's {@code test.pending} events it is all
 * the coordinator needs to schedule the run again after a restart.
 *
 * @param tree    the fmf tree: a path, or a git URL
 * @param ref     the commit of a git URL (its ref resolved once, at intake), null for a path
 * @param plans   the plans it runs, in order
 * @param context the context it was discovered with, dimension to values
 * @param tests   how many tests it has (each announced by a {@code test.pending})
 * @param pool    the SUT pool, as given ({@code sim:4}, a pool file's path)
 * @param suts    the SUTs of the pool, in the pool's order
 * @param policy  how often tests and SUTs are tried again
 * @param knownIssues the run's known-issue rules, in the order they are tried (the coordinator's own come after)
 */
public record RunCreated(String run, long seq, String ts, String tree, String ref, List<String> plans,
                         Map<String, List<String>> context, int tests, String pool, List<RunSut> suts,
                         RunPolicy policy,
                         List<IssueRule> knownIssues) implements Event {
    public static final String TYPE = "run.created";

    public RunCreated {
        suts = suts == null ? List.of() : List.copyOf(suts);
        knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
    }
}
