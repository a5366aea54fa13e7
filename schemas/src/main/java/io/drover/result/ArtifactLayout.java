package io.drover.result;

import java.nio.file.Path;

/**
 * Where a run's artifacts go, the same in {@code drover exec}, on a worker and in the result store:
 * {@code <run root>/<plan>/<test>/attempt-<N>/} holding {@code results} and {@code files/}, with the test's output in
 * {@code files/output.txt}. Plan and test names lose their leading slash and keep their other ones.
 */
public final class ArtifactLayout {
    /** Where a test's output goes, relative to its attempt's directory. */
    public static final String OUTPUT = "files/output.txt";

    private ArtifactLayout() {
    }

    /** An attempt's directory under a run's root. */
    public static Path attemptDir(Path runRoot, String plan, String test, int attempt) {
        return runRoot.resolve(relative(plan)).resolve(relative(test)).resolve("attempt-" + attempt);
    }

    /** A plan's directory under a run's root, where its phase logs go. */
    public static Path planDir(Path runRoot, String plan) {
        return runRoot.resolve(relative(plan));
    }

    private static String relative(String name) {
        String trimmed = name.replaceFirst("^/+", "");
        return trimmed.isEmpty() ? "root" : trimmed;
    }
}
