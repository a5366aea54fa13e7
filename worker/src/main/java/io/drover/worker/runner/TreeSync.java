package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.drover.worker.sut.RunningCommand;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;

/**
 * Copies a local tree (an fmf tree) to a directory on a SUT, sending only what differs, as rsync
 * would: one streamed {@code find} lists the remote side; files whose type, size, mtime or
 * executable bit differ, new directories and changed symlinks go as one tar archive; one command
 * removes what the local tree no longer has and extracts the archive. {@code .git} directories are
 * left out on both sides. The SUT needs a POSIX shell, GNU find, xargs and tar.
 */
public final class TreeSync {
    /** How long one remote command (listing, or deleting and extracting) may take. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);

    private TreeSync() {
    }

    /**
     * What a sync did. {@code files}: regular files and symlinks in the local tree; {@code sent}: how
     * many of them were sent; {@code deleted}: files and symlinks the local tree does not have, removed
     * from the SUT; {@code bytesSent}: bytes written to the SUT (the archive and the deletion list).
     */
    public record Report(int files, int sent, int deleted, long bytesSent) {
    }

    /**
     * Makes {@code remoteDir} on the SUT (absolute, or relative to the login directory; created when
     * missing) hold exactly the files of {@code localRoot} minus {@code .git} directories: anything
     * else in it is removed, so it must be a directory of its own. Failures are
     * {@link SutFailureClass#SETUP} with a one-line message naming the SUT, unless the connection was
     * lost or a remote command took longer than 30 minutes ({@link SutFailureClass#LOST}).
     */
    public static Report sync(SutConnection sut, Path localRoot, String remoteDir) throws SutException {
        if (remoteDir.isBlank() || remoteDir.matches("/+")) {
            // everything in remoteDir that the local tree lacks is removed: never the SUT's root
            throw new IllegalArgumentException("refusing to sync a tree onto '" + remoteDir + "'");
        }
        TreeManifest local;
        try {
            local = TreeManifest.scan(localRoot);
        } catch (IOException e) {
            throw failure(sut, "cannot read local tree " + localRoot + ": " + describe(e), e);
        }
        TreeManifest remote = list(sut, remoteDir);

        Map<String, TreeManifest.Entry> changed = new LinkedHashMap<>();
        local.entries().forEach((path, entry) -> {
            if (!entry.matches(remote.entries().get(path))) {
                changed.put(path, entry);
            }
        });
        TreeSet<String> stale = new TreeSet<>();
        int deleted = 0;
        for (Map.Entry<String, TreeManifest.Entry> entry : remote.entries().entrySet()) {
            TreeManifest.Entry mine = local.entries().get(entry.getKey());
            if (mine == null || mine.kind() != entry.getValue().kind()) {
                stale.add(entry.getKey());
                if (mine == null && entry.getValue().kind() != TreeManifest.Kind.DIRECTORY) {
                    deleted++;
                }
            }
        }
        int sent = (int) changed.values().stream().filter(e -> e.kind() != TreeManifest.Kind.DIRECTORY).count();
        if (changed.isEmpty() && stale.isEmpty()) {
            return new Report(local.fileCount(), 0, 0, 0);
        }
        long bytes = apply(sut, localRoot, remoteDir, changed, stale);
        return new Report(local.fileCount(), sent, deleted, bytes);
    }

    private static TreeManifest list(SutConnection sut, String remoteDir) throws SutException {
        String command = "mkdir -p -- " + quote(remoteDir) + " && cd -- " + quote(remoteDir)
                + " && find . -mindepth 1 -name .git -type d -prune -o -printf " + quote(TreeManifest.LIST_FORMAT);
        TreeManifest.Listing listing = new TreeManifest.Listing();
        runRemote(sut, command, listing, "cannot list " + remoteDir);
        try {
            return listing.manifest();
        } catch (IOException e) {
            throw failure(sut, "cannot list " + remoteDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends the archive of what changed and the list of what to remove into {@code remoteDir}, then
     * removes and extracts with one command that also removes both. Returns the bytes sent.
     */
    private static long apply(SutConnection sut, Path localRoot, String remoteDir,
                              Map<String, TreeManifest.Entry> changed, TreeSet<String> stale) throws SutException {
        String base = ".drover-sync-" + UUID.randomUUID();
        String archiveName = base + ".tar";
        String deleteName = base + ".delete";
        StringBuilder command = new StringBuilder("cd -- ").append(quote(remoteDir))
                .append(" && trap 'rm -f -- ").append(archiveName).append(' ').append(deleteName).append("' EXIT");
        // built before anything is sent, so an unreadable local file leaves nothing behind on the SUT
        Path archive = changed.isEmpty() ? null : archive(sut, localRoot, changed);
        try {
            long bytes = 0;
            if (archive != null) {
                sut.send(archive, remotePath(remoteDir, archiveName));
                bytes += sizeOf(sut, archive);
            }
            if (!stale.isEmpty()) {
                byte[] list = deletionList(stale);
                sut.send(new ByteArrayInputStream(list), remotePath(remoteDir, deleteName));
                bytes += list.length;
                command.append(" && xargs -0 -r rm -rf -- < ").append(deleteName);
            }
            if (archive != null) {
                command.append(" && tar -x --no-same-owner -f ").append(archiveName);
            }
            runRemote(sut, command.toString(), OutputStream.nullOutputStream(), "cannot update " + remoteDir);
            return bytes;
        } finally {
            if (archive != null) {
                deleteQuietly(archive);
            }
        }
    }

    /** NUL-terminated paths to remove, leaving out those under a directory that is removed anyway. */
    private static byte[] deletionList(TreeSet<String> stale) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String path : stale) {
            if (!underAny(path, stale)) {
                list.writeBytes(path.getBytes(StandardCharsets.UTF_8));
                list.write(0);
            }
        }
        return list.toByteArray();
    }

    private static boolean underAny(String path, TreeSet<String> stale) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (stale.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** The changed entries as a tar archive in a local temporary file. */
    private static Path archive(SutConnection sut, Path localRoot, Map<String, TreeManifest.Entry> changed)
            throws SutException {
        Path archive;
        try {
            archive = Files.createTempFile("drover-tree-", ".tar");
        } catch (IOException e) {
            throw failure(sut, "cannot create a temporary archive of " + localRoot + ": " + describe(e), e);
        }
        boolean written = false;
        try {
            TreeArchive.write(localRoot, changed, archive);
            written = true;
            return archive;
        } catch (IOException e) {
            throw failure(sut, "cannot archive local tree " + localRoot + ": " + describe(e), e);
        } finally {
            if (!written) {
                deleteQuietly(archive);
            }
        }
    }

    private static long sizeOf(SutConnection sut, Path archive) throws SutException {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw failure(sut, "cannot read the temporary archive " + archive + ": " + describe(e), e);
        }
    }

    /** Runs {@code command}, streaming its stdout to {@code stdout}; a non-zero exit is a SETUP failure. */
    private static void runRemote(SutConnection sut, String command, OutputStream stdout, String what) throws SutException {
        FirstLine stderr = new FirstLine();
        RunningCommand running = sut.start(command, stdout, stderr);
        int status;
        try {
            status = running.exit().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.abort();
            throw new SutException(SutFailureClass.LOST, sut.address().display() + ": " + what
                    + ": no answer within " + COMMAND_TIMEOUT.toMinutes() + " minutes");
        } catch (InterruptedException e) {
            running.abort();
            Thread.currentThread().interrupt();
            throw new SutException(SutFailureClass.LOST, sut.address().display() + ": " + what + ": interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SutException sutException) {
                throw sutException;
            }
            throw new SutException(SutFailureClass.LOST, sut.address().display() + ": " + what + ": " + e.getCause(), e.getCause());
        }
        if (status != 0) {
            String line = stderr.line();
            throw failure(sut, what + " (exit " + status + ")" + (line.isEmpty() ? "" : ": " + line), null);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover in the temporary directory is harmless
        }
    }

    private static String remotePath(String remoteDir, String name) {
        return remoteDir.endsWith("/") ? remoteDir + name : remoteDir + "/" + name;
    }

    private static SutException failure(SutConnection sut, String what, Throwable cause) {
        return new SutException(SutFailureClass.SETUP, sut.address().display() + ": " + what, cause);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Keeps the first line of a stream (at most 500 bytes of it) and drops the rest. */
    private static final class FirstLine extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean full;

        @Override
        public synchronized void write(int b) {
            if (full) {
                return;
            }
            if (b == '\n' && kept.size() > 0 || kept.size() >= 500) {
                full = true;
            } else if (b != '\n') {
                kept.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length && !full; i++) {
                write(bytes[i]);
            }
        }

        synchronized String line() {
            return kept.toString(StandardCharsets.UTF_8).strip();
        }
    }
}
