package io.drover.fmf;

/** A filter expression that cannot be evaluated on a node: a missing key, or a name literal without a name (fmf's FilterError). */
public class FilterException extends FmfException {
    public FilterException(String message) {
        super(message);
    }

    public FilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
