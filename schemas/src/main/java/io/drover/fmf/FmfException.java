package io.drover.fmf;

/**
 * Bad fmf metadata: the user's tree or expression is wrong, not Drover. Every subclass
 * carries a one-line message that names the file, line, node or key involved, so the
 * command line can print it as it is.
 */
public class FmfException extends RuntimeException {
    public FmfException(String message) {
        super(message);
    }

    public FmfException(String message, Throwable cause) {
        super(message, cause);
    }
}
