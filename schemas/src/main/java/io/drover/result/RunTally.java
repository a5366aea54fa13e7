package io.drover.result;

import java.util.function.Function;

/**
 * What a run's final outcomes come to, and the exit code of {@code drover exec} and {@code drover run}:
 * tmt's codes (0 all passed, 1 a test failed, 2 a test errored, 3 nothing ran, 4 all skipped) plus 5
 * when the infrastructure failed, which outranks the others so a caller can tell the two apart.
 */
public record RunTally(int passed, int failed, int errored, int skipped, int infrastructure) {
    public static final int ALL_PASSED = 0;
    public static final int TEST_FAILED = 1;
    public static final int TEST_ERRORED = 2;
    public static final int NOTHING_RAN = 3;
    public static final int ALL_SKIPPED = 4;
    public static final int INFRASTRUCTURE = 5;
    public static final RunTally EMPTY = new RunTally(0, 0, 0, 0, 0);

    /** How one final outcome counts. */
    public enum Kind { PASS, FAIL, ERROR, SKIP, INFRA }

    public static Kind kind(String status, FailureClass failure) {
        if (failure == null) {
            return "skip".equals(status) ? Kind.SKIP : Kind.PASS;
        }
        if (failure.infrastructure()) {
            return Kind.INFRA;
        }
        if (failure == FailureClass.TEST && ("fail".equals(status) || "warn".equals(status))) {
            return Kind.FAIL;
        }
        return Kind.ERROR;
    }

    public static <T> RunTally of(Iterable<T> outcomes, Function<T, String> status, Function<T, FailureClass> failure) {
        RunTally tally = EMPTY;
        for (T outcome : outcomes) {
            tally = tally.plus(kind(status.apply(outcome), failure.apply(outcome)));
        }
        return tally;
    }

    public RunTally plus(Kind kind) {
        return switch (kind) {
            case PASS -> new RunTally(passed + 1, failed, errored, skipped, infrastructure);
            case FAIL -> new RunTally(passed, failed + 1, errored, skipped, infrastructure);
            case ERROR -> new RunTally(passed, failed, errored + 1, skipped, infrastructure);
            case SKIP -> new RunTally(passed, failed, errored, skipped + 1, infrastructure);
            case INFRA -> new RunTally(passed, failed, errored, skipped, infrastructure + 1);
        };
    }

    public int total() {
        return passed + failed + errored + skipped + infrastructure;
    }

    public int exitCode() {
        if (infrastructure > 0) {
            return INFRASTRUCTURE;
        }
        if (errored > 0) {
            return TEST_ERRORED;
        }
        if (failed > 0) {
            return TEST_FAILED;
        }
        if (total() == 0) {
            return NOTHING_RAN;
        }
        return skipped == total() ? ALL_SKIPPED : ALL_PASSED;
    }

    /** "3 passed, 1 failed, 0 errored, 0 skipped, 0 infrastructure" */
    public String counts() {
        return passed + " passed, " + failed + " failed, " + errored + " errored, " + skipped + " skipped, "
                + infrastructure + " infrastructure";
    }
}
