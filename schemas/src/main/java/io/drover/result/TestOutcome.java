package io.drover.result;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt of a test ended.
 *
 * @param test         the test's name
 * @param attempt      1 for the first attempt
 * @param status       the status of the test's own result: {@code pass}, {@code fail}, {@code error},
 *                     {@code infra}, ... as its {@code results} file says
 * @param failureClass null when the test passed (or was skipped); otherwise why it did not
 * @param reason       one line saying what happened
 * @param exitCode     the test's exit code, null when it never exited on its own
 * @param restarts     how many times it was started again (reboots included)
 * @param reboots      how many of those were reboots
 * @param took         wall-clock time from start to end
 * @param artifacts    the attempt's artifacts directory ({@code results}, {@code files/})
 */
public record TestOutcome(String test, int attempt, String status, FailureClass failureClass, String reason,
                          Integer exitCode, int restarts, int reboots, Duration took, Path artifacts) {
    public TestOutcome {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean passed() {
        return failureClass == null && !"skip".equals(status);
    }

    public boolean skipped() {
        return failureClass == null && "skip".equals(status);
    }
}
