package io.drover.fmf;

/** Metadata that is well-formed YAML but breaks an fmf rule (fmf's FormatError). */
public class FmfFormatException extends FmfException {
    public FmfFormatException(String message) {
        super(message);
    }

    public FmfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
