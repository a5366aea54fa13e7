package io.drover.coordinator.schedule;

import io.drover.result.FailureClass;

/**
 * One attempt of a test: where it ran and how it ended.
 *
 * @param attempt      1 for the first
 * @param sut          the SUT it ran on
 * @param jobId        its job
 * @param status       the status of the test's result
 * @param failureClass null when it passed or was skipped
 * @param reason       what happened
 */
public record Attempt(int attempt, String sut, String jobId, String status, FailureClass failureClass,
                      String reason) {
}
