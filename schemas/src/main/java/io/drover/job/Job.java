package io.drover.job;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One piece of work for the worker holding a SUT, on {@code drover.jobs} keyed by the SUT's id.
 * Jobs are small: they name the fmf tree, the context, the plan and the test, and the worker
 * discovers the test's metadata itself from the same tree and context, as the coordinator did.
 *
 * @param type    {@code prepare} (the plan's prepare phases), {@code test}, {@code finish} (the
 *                plan's finish phases) or {@code release} (the run is done with the SUT)
 * @param run     the run
 * @param id      unique per job: {@code <run>/<sut>/<n>}
 * @param sut     the SUT's id in the pool
 * @param address where the SUT is, {@code ssh://user@host[:port]} or {@code local}
 * @param tree    the fmf tree: a path the worker can read, or a git URL
 * @param ref     the commit of a git URL (resolved once, at intake), null for a path
 * @param context the context the run was discovered with, dimension to values
 * @param plan    the plan; null for {@code release}
 * @param test    the test's name in the plan; null unless {@code test}
 * @param serial  the test's serial number in the plan; 0 unless {@code test}
 * @param attempt 1 for a test's first attempt; 0 unless {@code test}
 * @param ts      when it was published, as events carry it
 * @param outputPatterns the known-issue output patterns (regexps, {@code ^} and {@code $} at lines) that could mark
 *                this test's failure: the worker, which has the output, says in {@code job.finished} which are found
 *                in its tail; empty unless {@code test}
 */
public record Job(String type, String run, String id, String sut, String address, String tree, String ref,
                  Map<String, List<String>> context, String plan, String test, int serial, int attempt, String ts,
                  List<String> outputPatterns) {
    public static final String PREPARE = "prepare";
    public static final String TEST = "test";
    public static final String FINISH = "finish";
    public static final String RELEASE = "release";
    private static final Set<String> TYPES = Set.of(PREPARE, TEST, FINISH, RELEASE);

    public Job {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sut, "sut");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tree, "tree");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown job type '" + type + "', expected one of " + TYPES);
        }
        if (!RELEASE.equals(type) && plan == null) {
            throw new IllegalArgumentException(type + " job " + id + " needs a plan");
        }
        if (TEST.equals(type) && (test == null || serial < 1 || attempt < 1)) {
            throw new IllegalArgumentException("test job " + id + " needs a test, a serial number and an attempt");
        }
        context = context == null ? Map.of() : Map.copyOf(context);
        outputPatterns = outputPatterns == null ? List.of() : List.copyOf(outputPatterns);
    }

    /** A job with no output patterns to look for. */
    public Job(String type, String run, String id, String sut, String address, String tree, String ref,
               Map<String, List<String>> context, String plan, String test, int serial, int attempt, String ts) {
        this(type, run, id, sut, address, tree, ref, context, plan, test, serial, attempt, ts, List.of());
    }
}
