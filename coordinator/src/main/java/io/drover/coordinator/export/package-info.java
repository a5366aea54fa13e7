/**
 * Result exports: a run's stored results written as a format users ask for, by name from {@link
 * io.drover.coordinator.export.ResultsFormats}: {@code table} (for people), {@code json} (line-JSON), {@code junit}
 * (JUnit XML for Jenkins and GitLab), {@code tmt} (tmt's {@code results.yaml}) and {@code atex} (atex's aggregate
 * line-JSON). docs/results.md says how each maps statuses, failure classes, known issues and flaky tests.
 *
 * <p>Every {@link io.drover.coordinator.export.ResultsFormat} streams: it takes the tests one at a time from an
 * iterator and writes each before it takes the next, so a run of any size exports in the same memory. It never
 * reads the store nor the artifacts itself, never closes the writer, and never compresses (the caller does).
 */
package io.drover.coordinator.export;
