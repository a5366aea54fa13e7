package io.drover.fmf;

/** A regular expression (in a filter, a merge operator or a rule) that does not compile (Python's re.error). */
public class InvalidRegexException extends FmfException {
    public InvalidRegexException(String message) {
        super(message);
    }

    public InvalidRegexException(String message, Throwable cause) {
        super(message, cause);
    }
}
