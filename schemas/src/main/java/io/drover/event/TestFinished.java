package io.drover.event;

/**
 * An attempt of a test ended: its one final outcome.
 *
 * @param plan         the plan the test is in
 * @param status       the status of the test's own result ({@code pass}, {@code fail}, {@code error}, {@code infra}, ...)
 * @param failureClass null when it passed; else {@code test}, {@code timeout}, {@code sut-lost}, {@code sut-setup},
 *                     {@code protocol}, {@code cancelled} or {@code worker-lost}
 * @param reason       one line saying what happened
 * @param exitCode     the test's exit code, null when it never exited by itself
 * @param durationMs   wall-clock milliseconds from start to end
 * @param restarts     how many times it was started again (reboots included)
 * @param reboots      how many of those were reboots
 */
public record TestFinished(String run, String test, int attempt, long seq, String ts, String plan, String status,
                           String failureClass, String reason, Integer exitCode, long durationMs, int restarts,
                           int reboots) implements Event {
    public static final String TYPE = "test.finished";
}
