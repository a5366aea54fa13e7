package io.drover.coordinator.policy;

import io.drover.coordinator.pool.SettingsFileException;

/** A known-issue rules file that is wrong: the message names the file, the line and the key. */
public class KnownIssueRulesException extends SettingsFileException {
    public KnownIssueRulesException(String message) {
        super(message);
    }
}
