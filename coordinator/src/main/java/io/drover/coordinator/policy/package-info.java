/**
 * Run policy beyond retries: known-issue rules ({@link io.drover.coordinator.policy.KnownIssueRules}, read from a
 * YAML file) that name the known issue a failure is, while the failure's outcome stays what it was.
 */
package io.drover.coordinator.policy;
