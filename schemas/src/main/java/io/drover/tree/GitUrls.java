package io.drover.tree;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Telling a git URL from a local path, as a run's tree is given. */
public final class GitUrls {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.+");
    // git's scp-like syntax; a bare host:path is left to paths, which may hold colons
    private static final Pattern SCP_LIKE = Pattern.compile("[^/:@]+@[^/:]+:.*");

    private GitUrls() {
    }

    /** Whether {@code tree} is a git URL ({@code scheme://...} or {@code user@host:path}) rather than a path. */
    public static boolean isUrl(String tree) {
        return SCHEME.matcher(tree).matches() || SCP_LIKE.matcher(tree).matches();
    }

    /** The repository as the workers are told it: a URL as given, a local repository's path made absolute. */
    public static String normalize(String repository) {
        return isUrl(repository) ? repository : Path.of(repository).toAbsolutePath().normalize().toString();
    }
}
