package io.drover.control;

import java.io.IOException;

/**
 * A well-framed result that cannot be recorded, such as a {@code testout} name that
 * collides with an existing file (atex's {@code BadReportJSONError}); like a
 * {@link ControlProtocolException} it is the test's fault, failure class {@code protocol}.
 */
public final class BadResultException extends IOException {
    public BadResultException(String message) {
        super(message);
    }
}
