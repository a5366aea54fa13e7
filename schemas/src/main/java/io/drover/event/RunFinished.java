package io.drover.event;

/**
 * A run ended: no test of it is left.
 *
 * @param passed         tests that passed
 * @param skipped        tests that skipped themselves
 * @param failed         tests that failed
 * @param errored        tests that errored, timed out or were cancelled
 * @param infrastructure tests the infrastructure failed
 * @param exitCode       what {@code drover run} exits with: 0, 1, 2, 3, 4 or 5
 */
public record RunFinished(String run, long seq, String ts, int passed, int failed, int errored, int skipped,
                          int infrastructure, int exitCode) implements Event {
    public static final String TYPE = "run.finished";
}
