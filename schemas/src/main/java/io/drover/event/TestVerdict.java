package io.drover.event;

/**
 * The final word on a test of a run, from the coordinator once no attempt of it is left to run: what
 * a run's results show for the test.
 *
 * @param attempt      the final attempt; 0 when it never ran
 * @param plan         the plan
 * @param serial       its serial number in the plan
 * @param status       the final attempt's status; {@code infra} when it never ran
 * @param failureClass null when it passed or was skipped; else as {@code test.finished} has it
 * @param reason       the final attempt's reason, plus why it was not tried again; when it never ran, why
 * @param flaky        it passed on a retry after failing by itself
 * @param knownIssue   the issue of the known-issue rule its failure matched, or null (the status stands)
 */
public record TestVerdict(String run, String test, int attempt, long seq, String ts, String plan, int serial,
                          String status, String failureClass, String reason, boolean flaky, String knownIssue)
        implements Event {
    public static final String TYPE = "test.verdict";
}
