package io.drover.control;

/**
 * How a test's own outcome is decided: the status its exit code gives when it reported none,
 * and the change applied to the status of its own final result (e.g. tmt's {@code xfail}).
 */
public interface OutcomeRule {
    /** atex's rule: exit code 0 passes, anything else (or none) fails; reported statuses stand. */
    OutcomeRule ATEX = new OutcomeRule() {
        @Override
        public String statusOfExitCode(Integer exitCode) {
            return exitCode != null && exitCode == 0 ? "pass" : "fail";
        }

        @Override
        public String adjust(String status) {
            return status;
        }
    };

    /** The status of a test that exited with {@code exitCode} (null: it never said) and reported none. */
    String statusOfExitCode(Integer exitCode);

    /** The status the test's own final result gets, given the one it has. */
    String adjust(String status);
}
