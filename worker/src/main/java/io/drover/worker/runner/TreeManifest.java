package io.drover.worker.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tree holds: relative path ({@code a/b}, no leading {@code ./}) to entry, for the local
 * tree ({@link #scan}) or a directory on a SUT ({@link Listing}, fed by {@link #LIST_FORMAT}).
 */
record TreeManifest(Map<String, Entry> entries) {

    /** A {@code find -printf} format: per entry six NUL-terminated fields, read by {@link Listing}. */
    static final String LIST_FORMAT = "%y\\0%s\\0%T@\\0%m\\0%P\\0%l\\0";

    TreeManifest {
        entries = Collections.unmodifiableMap(entries);
    }

    enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }

    /**
     * One entry: {@code mode} holds the permission bits, {@code target} a symlink's target (empty
     * otherwise), {@code mtime} whole seconds since the epoch.
     */
    record Entry(Kind kind, long size, long mtime, int mode, String target) {

        boolean executable() {
            return (mode & 0100) != 0;
        }

        /** Whether {@code remote} needs no update to equal this entry (rsync's quick check for files). */
        boolean matches(Entry remote) {
            if (remote == null || remote.kind != kind) {
                return false;
            }
            return switch (kind) {
                case FILE -> remote.size == size && remote.mtime == mtime && remote.executable() == executable();
                case SYMLINK -> remote.target.equals(target);
                case DIRECTORY -> true;
                case OTHER -> false;
            };
        }
    }

    /** The number of regular files and symlinks. */
    int fileCount() {
        return (int) entries.values().stream().filter(e -> e.kind == Kind.FILE || e.kind == Kind.SYMLINK).count();
    }

    /**
     * The tree under {@code root}: regular files, symlinks (not followed) and directories, each
     * directory's entries sorted by name after the directory itself. Directories named {@code .git}
     * are skipped, and so is anything that is none of the three (sockets, pipes).
     */
    static TreeManifest scan(Path root) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        scanDirectory(root, "", entries);
        return new TreeManifest(entries);
    }

    private static void scanDirectory(Path dir, String prefix, Map<String, Entry> into) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            String name = prefix + child.getFileName();
            PosixFileAttributes attributes = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long mtime = attributes.lastModifiedTime().toInstant().getEpochSecond();
            int mode = mode(attributes);
            if (attributes.isSymbolicLink()) {
                into.put(name, new Entry(Kind.SYMLINK, 0, mtime, 0777, Files.readSymbolicLink(child).toString()));
            } else if (attributes.isDirectory()) {
                if (!child.getFileName().toString().equals(".git")) {
                    into.put(name, new Entry(Kind.DIRECTORY, 0, mtime, mode, ""));
                    scanDirectory(child, name + "/", into);
                }
            } else if (attributes.isRegularFile()) {
                into.put(name, new Entry(Kind.FILE, attributes.size(), mtime, mode, ""));
            }
        }
    }

    private static int mode(PosixFileAttributes attributes) {
        int mode = 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            mode |= 1 << (8 - permission.ordinal()); // OWNER_READ is 0400 ... OTHERS_EXECUTE is 0001
        }
        return mode;
    }

    /**
     * Parses {@code find -printf} output in {@link #LIST_FORMAT} as it streams in, keeping only the
     * entries: the raw listing is never held whole. Written to from one thread at a time.
     */
    static final class Listing extends OutputStream {
        private static final int FIELDS = 6;
        private final Map<String, Entry> entries = new HashMap<>();
        private final String[] fields = new String[FIELDS];
        private final ByteArrayOutputStream field = new ByteArrayOutputStream();
        private int fieldIndex;
        private String malformed;

        @Override
        public synchronized void write(int b) {
            if (b == 0) {
                endField();
            } else {
                field.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == 0) {
                    field.write(bytes, start, i - start);
                    endField();
                    start = i + 1;
                }
            }
            field.write(bytes, start, offset + length - start);
        }

        private void endField() {
            fields[fieldIndex++] = field.toString(StandardCharsets.UTF_8);
            field.reset();
            if (fieldIndex == FIELDS) {
                fieldIndex = 0;
                addEntry();
            }
        }

        private void addEntry() {
            try {
                Kind kind = switch (fields[0]) {
                    case "f" -> Kind.FILE;
                    case "d" -> Kind.DIRECTORY;
                    case "l" -> Kind.SYMLINK;
                    default -> Kind.OTHER;
                };
                entries.put(fields[4], new Entry(kind, Long.parseLong(fields[1]), seconds(fields[2]),
                        Integer.parseInt(fields[3], 8), fields[5]));
            } catch (NumberFormatException e) {
                if (malformed == null) {
                    malformed = "unexpected listing entry for '" + fields[4] + "': " + e.getMessage();
                }
            }
        }

        /** {@code find}'s {@code %T@} ({@code 1700000000.123456789}) floored to whole seconds. */
        private static long seconds(String text) {
            int dot = text.indexOf('.');
            if (dot < 0) {
                return Long.parseLong(text);
            }
            long whole = Long.parseLong(text.substring(0, dot));
            boolean fraction = !text.substring(dot + 1).chars().allMatch(c -> c == '0');
            return text.startsWith("-") && fraction ? whole - 1 : whole;
        }

        /** The listing, or an {@link IOException} when the stream was cut short or malformed. */
        synchronized TreeManifest manifest() throws IOException {
            if (malformed != null) {
                throw new IOException(malformed);
            }
            if (fieldIndex != 0 || field.size() != 0) {
                throw new IOException("the listing ended in the middle of an entry");
            }
            return new TreeManifest(entries);
        }
    }
}
