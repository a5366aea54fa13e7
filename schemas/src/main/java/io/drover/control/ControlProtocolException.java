package io.drover.control;

import java.io.IOException;

/**
 * The control stream broke the protocol; the channel cannot be resynchronised and the
 * test is aborted with failure class {@code protocol}. The message is one line and ends
 * with the byte offset of the offending line or payload.
 */
public final class ControlProtocolException extends IOException {
    private final String reason;
    private final long offset;

    public ControlProtocolException(String reason, long offset) {
        super(reason + " (at byte " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    /** The reason without the offset. */
    public String reason() {
        return reason;
    }

    /** Offset in the control stream where the offending line or payload starts. */
    public long offset() {
        return offset;
    }
}
