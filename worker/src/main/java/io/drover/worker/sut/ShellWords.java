package io.drover.worker.sut;

/** Quoting for POSIX shell command lines. */
public final class ShellWords {
    private ShellWords() {
    }

    /** {@code text} as one shell word: single-quoted, with embedded single quotes escaped. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** The command that writes its standard input to {@code path} through a temporary file. */
    static String writeFileCommand(String path) {
        String part = quote(path + ".drover-part") + "\"$$\"";
        return "cat > " + part + " && mv -f " + part + " " + quote(path) + " || { rm -f " + part + "; exit 1; }";
    }
}
