package io.drover.coordinator.pool;

/**
 * A settings file (a pool file, a known-issue rules file) that is wrong. The message is one line naming the
 * file, the line and the key, meant to be printed as it is.
 */
public class SettingsFileException extends RuntimeException {
    public SettingsFileException(String message) {
        super(message);
    }
}
