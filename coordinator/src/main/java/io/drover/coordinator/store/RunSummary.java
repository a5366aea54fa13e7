package io.drover.coordinator.store;

/**
 * A run as {@code drover runs ls} lists it.
 *
 * @param finishedAt null while it runs (or when it died without finishing)
 * @param done       its tests with a verdict
 * @param exitCode   as {@code drover run} exits for it; null until it finished
 */
public record RunSummary(String run, String createdAt, String finishedAt, String tree, String ref, int tests,
                         int done, int passed, int failed, int errored, int skipped, int infrastructure,
                         Integer exitCode) {
}
