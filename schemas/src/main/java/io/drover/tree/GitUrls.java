package io.drover.tree;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Telling a git URL from a local path, as a run's tree is given. */
public final class GitUrls {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.+");
    // git's scp-like syntax; a bare host:path is left to paths, which may hold colons
    private static final Pattern SCP_LIKE = Pattern.compile("[^/:@]+@[^/:]+:.*");

    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/@]*)@(.*)");

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

    /**
     * Refuses a URL that carries credentials ({@code https://user:token@host/repo}, or any user on http(s), where it is
     * usually a token): a run records its tree's URL in its events, for anyone who reads them. SSH users are names.
     *
     * @throws GitException naming the URL with its credentials hidden
     */
    public static void requireNoCredentials(String url) {
        Matcher parts = USER_INFO.matcher(url);
        if (!parts.matches()) {
            return;
        }
        String scheme = parts.group(1).toLowerCase(java.util.Locale.ROOT);
        if (parts.group(2).contains(":") || scheme.equals("http") || scheme.equals("https")) {
            throw new GitException("the tree's URL " + scheme + "://***@" + parts.group(3) + " carries credentials, "
                    + "which the run would record for anyone to read: use a URL without them (for a private "
                    + "repository, an ssh:// URL and the workers' SSH key)");
        }
    }
}
