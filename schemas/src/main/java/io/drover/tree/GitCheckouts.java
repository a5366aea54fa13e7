package io.drover.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A cache of git repositories and their commits checked out, in a directory: {@code repos/<url hash>.git} mirrors
 * what was fetched from a URL, {@code trees/<commit>} holds a commit's files, written once and then only read, by
 * every run of that commit. Thread-safe, and safe for several processes sharing the directory: a URL's mirror is
 * used under a lock (in this JVM and on its lock file), and a checkout appears by an atomic rename.
 */
public final class GitCheckouts {
    // one lock per mirror directory for the whole JVM: a FileLock is per process, not per thread
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;

    public GitCheckouts(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The cache of this user: {@code $XDG_CACHE_HOME/drover/git}, else {@code ~/.cache/drover/git}. */
    public static GitCheckouts inUserCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new GitCheckouts(base.resolve("drover").resolve("git"));
    }

    public Path dir() {
        return dir;
    }

    /**
     * The full id of the commit {@code ref} names in the repository at {@code url}: a branch, a tag, a commit id
     * (or a unique prefix of one); null or {@code HEAD} for the remote's HEAD. Fetches the repository's branches
     * and tags into the cache.
     *
     * @throws GitException the URL cannot be fetched, or has no such ref (one line naming both)
     */
    public String resolve(String url, String ref) {
        boolean head = ref == null || ref.equals("HEAD");
        String what = head ? "HEAD" : "ref '" + ref + "'";
        return withMirror(url, what, mirror -> {
            ObjectId headId = mirror.fetchRefs(head);
            if (head) {
                if (headId == null) {
                    throw new GitException("the git repository " + url + " has no HEAD; give a ref");
                }
                return headId.name();
            }
            ObjectId id = mirror.resolve(ref);
            if (id == null && ref.startsWith("refs/")) {
                // a ref outside branches and tags, such as refs/pull/1/head
                tryFetch(() -> mirror.fetchRef(ref));
                id = mirror.resolve(ref);
            }
            if (id == null && ObjectId.isId(ref)) {
                tryFetch(() -> mirror.fetchCommit(ObjectId.fromString(ref)));
                id = mirror.resolve(ref);
            }
            if (id == null) {
                throw new GitException("the git repository " + url + " has no branch, tag or commit '" + ref + "'");
            }
            return id.name();
        });
    }

    /**
     * The directory holding the files of {@code commit} (a full commit id) of the repository at {@code url},
     * fetched and written on first use; later calls, for any run, answer at once. Callers only read it.
     *
     * @throws GitException the commit cannot be fetched from the URL (one line naming both)
     */
    public Path checkout(String url, String commit) {
        if (!ObjectId.isId(commit)) {
            throw new GitException("'" + commit + "' is not a full commit id (of " + url + ")");
        }
        Path tree = dir.resolve("trees").resolve(commit);
        if (Files.isDirectory(tree)) {
            return tree;
        }
        ObjectId id = ObjectId.fromString(commit);
        return withMirror(url, "commit " + commit, mirror -> {
            if (Files.isDirectory(tree)) {
                return tree;
            }
            if (!mirror.has(id)) {
                mirror.fetchRefs(false);
            }
            if (!mirror.has(id)) {
                tryFetch(() -> mirror.fetchCommit(id));
            }
            if (!mirror.has(id)) {
                throw new GitException("cannot fetch commit " + commit + " from " + url
                        + ": no branch or tag of it holds that commit");
            }
            Path partial = dir.resolve("trees").resolve(".partial-" + commit + "-" + UUID.randomUUID());
            try {
                TreeExport.write(mirror.repository(), id, partial);
                publish(partial, tree);
            } finally {
                FileTrees.deleteQuietly(partial);
            }
            return tree;
        });
    }

    @FunctionalInterface
    private interface Fetch {
        void run() throws GitAPIException;
    }

    private static void tryFetch(Fetch fetch) {
        try {
            fetch.run();
        } catch (GitAPIException | RuntimeException e) {
            // no such ref, or a server that hands out no commits by id: the caller says what is missing
        }
    }

    /** Moves a written checkout into place; one written meanwhile by another process wins. */
    private static void publish(Path partial, Path tree) throws IOException {
        try {
            Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(tree)) {
                throw e;
            }
            // the same commit, written by another process (or for another URL)
        }
    }

    @FunctionalInterface
    private interface MirrorWork<T> {
        T apply(GitMirror mirror) throws IOException, GitAPIException;
    }

    private <T> T withMirror(String url, String what, MirrorWork<T> work) {
        Path repos = dir.resolve("repos");
        Path mirrorDir = repos.resolve(hash(url) + ".git");
        ReentrantLock lock = LOCKS.computeIfAbsent(mirrorDir, key -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(repos);
            Files.createDirectories(dir.resolve("trees"));
            try (FileChannel channel = FileChannel.open(repos.resolve(hash(url) + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock();
                 GitMirror mirror = GitMirror.open(url, mirrorDir)) {
                return work.apply(mirror);
            }
        } catch (GitException e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new GitException("cannot fetch " + what + " from the git repository " + url + ": "
                    + message(e, url), e);
        } finally {
            lock.unlock();
        }
    }

    /** The first line of the deepest message, which JGit keeps for what went wrong on the wire, without the URL. */
    private static String message(Throwable e, String url) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return e.toString();
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.startsWith(url + ": ") ? line.substring(url.length() + 2) : line;
    }

    private static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
