package io.drover.event;

import java.util.List;
import java.util.Map;

/**
 * A run was accepted: what it runs and where.
 *
 * @param tree    the fmf tree: a path, or a git URL
 * @param ref     the git ref, null for a path
 * @param plans   the plans it runs, in order
 * @param context the context it was discovered with, dimension to values
 * @param tests   how many tests it has (each announced by a {@code test.pending})
 * @param pool    the SUT pool, as given
 */
public record RunCreated(String run, long seq, String ts, String tree, String ref, List<String> plans,
                         Map<String, List<String>> context, int tests, String pool) implements Event {
    public static final String TYPE = "run.created";
}
