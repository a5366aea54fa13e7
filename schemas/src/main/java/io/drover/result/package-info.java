/**
 * What running a test came to: its {@link io.drover.result.TestOutcome} and, when it did not
 * pass, a {@link io.drover.result.FailureClass} that separates the test's own failures from the
 * infrastructure's.
 */
package io.drover.result;
