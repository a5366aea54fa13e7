package io.drover.coordinator.store;

/** The result store cannot do its work: the database cannot be reached, migrated or written. One line. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
