package io.drover.fmf;

/** An adjust `when` rule that does not parse (fmf's InvalidRule). */
public class InvalidRuleException extends FmfException {
    public InvalidRuleException(String message) {
        super(message);
    }

    public InvalidRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
