package io.drover.coordinator.schedule;

/**
 * How often a run tries again.
 *
 * @param infraRetries how many more attempts a test gets after infrastructure failures ({@code sut-lost},
 *                     {@code sut-setup}, {@code worker-lost}), each on a SUT it has not failed on that way
 * @param testRetries  how many more attempts a test gets after failing by itself ({@code test},
 *                     {@code timeout}), on any SUT
 * @param sutStrikes   after how many setup failures (a failed prepare, a test ending {@code sut-setup}) a
 *                     SUT is taken out of the run; a lost SUT is out at once
 */
public record RetryPolicy(int infraRetries, int testRetries, int sutStrikes) {
    /** Two infrastructure retries, no test retry, two strikes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, 0, 2);

    public RetryPolicy {
        if (infraRetries < 0 || testRetries < 0) {
            throw new IllegalArgumentException("retries cannot be negative: infra " + infraRetries + ", test "
                    + testRetries);
        }
        if (sutStrikes < 1) {
            throw new IllegalArgumentException("SUT strikes must be 1 or more, not " + sutStrikes);
        }
    }
}
