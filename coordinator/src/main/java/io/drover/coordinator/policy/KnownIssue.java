package io.drover.coordinator.policy;

/**
 * A failure that matched a known-issue rule; the test's outcome stays what it was.
 *
 * @param issue the rule's link or id, shown to users
 * @param rule  where the rule is, {@code FILE:LINE}
 */
public record KnownIssue(String issue, String rule) {
}
