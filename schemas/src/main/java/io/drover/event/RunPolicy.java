package io.drover.event;

/**
 * How often a run tries again.
 *
 * @param infraRetries more attempts a test gets after infrastructure failures ({@code sut-lost},
 *                     {@code sut-setup}, {@code worker-lost}), each on another SUT
 * @param testRetries  more attempts a test gets after failing by itself ({@code test}, {@code timeout})
 * @param sutStrikes   setup failures after which a SUT is taken out of the run
 */
public record RunPolicy(int infraRetries, int testRetries, int sutStrikes) {
    /** Two infrastructure retries, no test retry, two strikes. */
    public static final RunPolicy DEFAULT = new RunPolicy(2, 0, 2);
}
