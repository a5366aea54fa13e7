package io.drover.coordinator.pool;

/**
 * A provisioner could not hand out SUTs: none matches, the cloud refused, a machine never came up. The message
 * is one line for the user; the run then ends as an infrastructure failure.
 */
public class ProvisionException extends Exception {
    public ProvisionException(String message) {
        super(message);
    }

    public ProvisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
