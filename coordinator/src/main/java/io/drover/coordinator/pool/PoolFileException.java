package io.drover.coordinator.pool;

/** A pool file that is wrong: the message names the file, the line and the key. */
public class PoolFileException extends SettingsFileException {
    public PoolFileException(String message) {
        super(message);
    }
}
