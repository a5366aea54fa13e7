package io.drover.tree;

/** A git repository or commit that cannot be used: a bad URL, an unknown ref, a failed fetch. One line. */
public final class GitException extends RuntimeException {
    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
