package io.drover.cli;

import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import java.util.List;

/** What a set of outcomes comes to, as {@code drover exec} reports it (tmt's exit codes plus 5). */
record ExecSummary(int passed, int failed, int errored, int skipped, int infrastructure) {
    static final int ALL_PASSED = 0;
    static final int TEST_FAILED = 1;
    static final int TEST_ERRORED = 2;
    static final int NOTHING_RAN = 3;
    static final int ALL_SKIPPED = 4;
    static final int INFRASTRUCTURE = 5;
    /** The user interrupted the run (Ctrl-C): 128 + SIGINT, as shells report it. */
    static final int INTERRUPTED = 130;

    /** How one outcome counts. */
    enum Kind { PASS, FAIL, ERROR, SKIP, INFRA }

    static Kind kind(TestOutcome outcome) {
        FailureClass failure = outcome.failureClass();
        if (failure == null) {
            return "skip".equals(outcome.status()) ? Kind.SKIP : Kind.PASS;
        }
        if (failure.infrastructure()) {
            return Kind.INFRA;
        }
        if (failure == FailureClass.TEST && ("fail".equals(outcome.status()) || "warn".equals(outcome.status()))) {
            return Kind.FAIL;
        }
        return Kind.ERROR;
    }

    static ExecSummary of(List<TestOutcome> outcomes) {
        int[] counts = new int[Kind.values().length];
        outcomes.forEach(o -> counts[kind(o).ordinal()]++);
        return new ExecSummary(counts[Kind.PASS.ordinal()], counts[Kind.FAIL.ordinal()], counts[Kind.ERROR.ordinal()],
                counts[Kind.SKIP.ordinal()], counts[Kind.INFRA.ordinal()]);
    }

    int total() {
        return passed + failed + errored + skipped + infrastructure;
    }

    int exitCode() {
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

    String counts() {
        return passed + " passed, " + failed + " failed, " + errored + " errored, " + skipped + " skipped, "
                + infrastructure + " infrastructure";
    }
}
