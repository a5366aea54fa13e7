package io.drover.worker.runner;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes entries of a local tree as a tar archive that GNU tar extracts: PAX headers for long and
 * non-ASCII names and link targets, mode and mtime kept, no owner.
 */
final class TreeArchive {
    private TreeArchive() {
    }

    /** Writes {@code entries} (relative paths under {@code root}, parents first) to {@code archive}. */
    static void write(Path root, Map<String, TreeManifest.Entry> entries, Path archive) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive), 64 * 1024);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Map.Entry<String, TreeManifest.Entry> entry : entries.entrySet()) {
                add(tar, root.resolve(entry.getKey()), entry.getKey(), entry.getValue());
            }
            tar.finish();
        }
    }

    private static void add(TarArchiveOutputStream tar, Path file, String name, TreeManifest.Entry entry) throws IOException {
        TarArchiveEntry header = switch (entry.kind()) {
            case DIRECTORY -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR, true);
            case SYMLINK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            case FILE -> new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            case OTHER -> throw new IllegalArgumentException("cannot archive " + name);
        };
        int type = switch (entry.kind()) {
            case DIRECTORY -> 040000;
            case SYMLINK -> 0120000;
            default -> 0100000;
        };
        header.setMode(type | entry.mode());
        header.setModTime(FileTime.from(entry.mtime(), TimeUnit.SECONDS));
        header.setIds(0, 0);
        header.setUserName("");
        header.setGroupName("");
        if (entry.kind() == TreeManifest.Kind.SYMLINK) {
            header.setLinkName(entry.target());
        }
        if (entry.kind() == TreeManifest.Kind.FILE) {
            header.setSize(entry.size());
        }
        tar.putArchiveEntry(header);
        if (entry.kind() == TreeManifest.Kind.FILE) {
            copyExactly(file, entry.size(), tar);
        }
        tar.closeArchiveEntry();
    }

    /** Copies the scanned size: a file that grew since the scan is cut, one that shrank is an error. */
    private static void copyExactly(Path file, long size, OutputStream to) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " shrank while being archived");
                }
                to.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
