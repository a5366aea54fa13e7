package io.drover.tmt;

/**
 * A test a plan will run.
 *
 * @param name         the test name, prefixed with {@code /<phase>} when the plan has several discover phases
 * @param serialNumber 1, 2, ... in discovery order within the plan
 * @param phase        the discover phase that selected it
 * @param test         the test's metadata, with the plan's context applied
 */
public record DiscoveredTest(String name, int serialNumber, String phase, TmtTest test) {
}
