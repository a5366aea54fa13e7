package io.drover.control;

import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Where uploaded files land: {@code files/<normalize(name)>/<normalize(file)>}, or
 * {@code files/<normalize(file)>} for the test itself. Normalising replaces control
 * characters by {@code _} and drops empty, {@code .} and {@code ..} parts, so a path can
 * never leave the {@code files} directory.
 */
public final class ArtifactPaths {
    private ArtifactPaths() {
    }

    public static String normalize(String path) {
        StringBuilder clean = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            clean.append(c <= 0x1f || (c >= 0x7f && c <= 0x9f) ? '_' : c);
        }
        StringJoiner parts = new StringJoiner("/");
        for (String part : clean.toString().split("/", -1)) {
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                parts.add(part);
            }
        }
        return parts.toString();
    }

    /** The file for {@code fileName} of the result called {@code resultName} (null: the test itself). */
    public static Path resolve(Path filesDir, String resultName, String fileName) {
        String file = normalize(fileName);
        if (file.isEmpty()) {
            throw new IllegalArgumentException("file name '" + fileName + "' is empty once normalized");
        }
        String dir = resultName == null ? "" : normalize(resultName);
        Path path = filesDir.resolve(dir.isEmpty() ? file : dir + "/" + file).normalize();
        if (!path.startsWith(filesDir.normalize())) {
            throw new IllegalArgumentException("file name '" + fileName + "' escapes " + filesDir);
        }
        return path;
    }
}
