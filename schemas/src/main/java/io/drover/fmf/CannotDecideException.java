package io.drover.fmf;

/** A `when` rule that cannot be decided with the given context, raised only when the caller asked for that (fmf's CannotDecide). */
public class CannotDecideException extends FmfException {
    public CannotDecideException(String message) {
        super(message);
    }

    public CannotDecideException(String message, Throwable cause) {
        super(message, cause);
    }
}
