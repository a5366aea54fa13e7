package io.drover.fmf;

/** A merge operator applied to values it cannot combine (fmf's MergeError). */
public class MergeException extends FmfException {
    public MergeException(String message) {
        super(message);
    }

    public MergeException(String message, Throwable cause) {
        super(message, cause);
    }
}
