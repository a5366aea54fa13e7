package io.drover.fmf;

/** A file or directory that cannot be read or parsed: YAML syntax, duplicate keys, no tree root (fmf's FileError and RootError). */
public class FmfFileException extends FmfException {
    public FmfFileException(String message) {
        super(message);
    }

    public FmfFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
