package io.drover.fmf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Parsed fmf files kept between runs, so that an unchanged tree is not parsed again (YAML
 * parsing is most of the time of a metadata command). One file per tree, named after the
 * tree's absolute path, in {@code $DROVER_FMF_CACHE} (or the {@code drover.fmf.cache}
 * system property), else {@code $XDG_CACHE_HOME/drover/fmf}, else
 * {@code ~/.cache/drover/fmf}; {@code off} turns it off. Never inside the tree itself.
 *
 * <p>A file's cached data is used only when its {@link FileStamp} is the one it had when it
 * was parsed, and only by the same parser code (a fingerprint of its classes, or of the jar they are in). A file that
 * failed to parse is never cached, so its error is reported as before. A damaged or
 * unreadable cache is ignored and rewritten; a cache that cannot be written is skipped.
 */
final class ParseCache {
    /** A setting that turns the cache off. */
    static final String OFF = "off";
    /** Smaller trees parse in a few milliseconds and would only fill the cache directory. */
    static final int MIN_FILES = 32;
    /** Cache files kept (the trees most recently read); older ones are deleted. */
    static final int MAX_TREES = 64;
    private static final long MAGIC = 0x4452564649464d31L; // "DRVFIFM1"
    /** Magic, code fingerprint, checksum. */
    private static final int HEADER = 3 * Long.BYTES;
    private static final Object MISS = new Object();
    /** A file changed more recently than this may change again unseen (see {@link FileStamp#changedWithin}). */
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final ParseCache DISABLED = new ParseCache(null, null, 0, Duration.ZERO);

    private final Path file;
    private final Path root;
    private final int minFiles;
    private final long settleNanos;
    /** What the cache file holds, by path relative to the root; empty when there is none. */
    private final Map<String, Entry> cached;
    private final Map<String, Parsed> current = new ConcurrentHashMap<>();
    private volatile boolean changed;
    private final AtomicInteger hits = new AtomicInteger();

    private record Entry(FileStamp stamp, ByteBuffer bytes, String[] strings) {
    }

    private record Parsed(FileStamp stamp, Object value) {
    }

    private ParseCache(Path file, Path root, int minFiles, Duration settle) {
        this.file = file;
        this.root = root;
        this.minFiles = minFiles;
        this.settleNanos = settle.toNanos();
        this.cached = file == null ? Map.of() : read(file, root);
    }

    /** The cache for the tree at {@code root} in the configured directory (maybe disabled). */
    static ParseCache forTree(Path root) {
        return in(directory(), root, MIN_FILES, SETTLE);
    }

    /**
     * The cache for the tree at {@code root} in {@code directory} (null = disabled), written
     * only for at least {@code minFiles} files, keeping files unchanged for {@code settle}.
     */
    static ParseCache in(Path directory, Path root, int minFiles, Duration settle) {
        if (directory == null || root == null) {
            return DISABLED;
        }
        Path dir = directory.toAbsolutePath().normalize();
        Path tree = root.toAbsolutePath().normalize();
        if (dir.startsWith(tree)) {
            return DISABLED; // the user's tree is theirs: nothing is ever written into it
        }
        return new ParseCache(dir.resolve(name(tree)), tree, minFiles, settle);
    }

    /** The configured cache directory, or null when the cache is off. */
    static Path directory() {
        String setting = System.getProperty("drover.fmf.cache", System.getenv("DROVER_FMF_CACHE"));
        if (setting != null && !setting.isBlank()) {
            return OFF.equals(setting.strip()) ? null : Path.of(setting.strip());
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("drover").resolve("fmf");
    }

    /**
     * The data of {@code path} (a file of the tree) whose {@link FileStamp} was {@code stamp} (null: unknown)
     * before it was read: the cached data when the file is unchanged, else what {@code parse} returns. Errors of
     * {@code parse} pass through.
     */
    Object load(Path path, FileStamp stamp, Supplier<Object> parse) {
        if (file == null) {
            return parse.get();
        }
        String name = root.relativize(path).toString();
        Object value = stamp == null ? MISS : lookup(name, stamp);
        if (value != MISS) {
            hits.incrementAndGet();
            current.put(name, new Parsed(stamp, value));
            return value;
        }
        changed = true;
        long now = System.currentTimeMillis() * 1_000_000L;
        value = parse.get(); // the stamp was taken before reading, so a later change gives a new one
        if (stamp != null && !stamp.changedWithin(settleNanos, now)) {
            current.put(name, new Parsed(stamp, value));
        }
        return value;
    }

    /** How many files came from the cache so far. */
    int hits() {
        return hits.get();
    }

    /** The cache file, or null when the cache is off. */
    Path file() {
        return file;
    }

    private Object lookup(String name, FileStamp stamp) {
        Entry entry = cached.get(name);
        if (entry == null || !entry.stamp().equals(stamp)) {
            return MISS;
        }
        try {
            return CachedValues.decode(entry.bytes().duplicate(), entry.strings());
        } catch (CachedValues.CorruptException e) {
            return MISS;
        }
    }

    /**
     * Writes the cache when something changed: a file parsed, or a cached file gone. Every
     * file of the tree must have gone through {@link #load} first. Failures are ignored:
     * the cache only saves time.
     */
    void save() {
        if (file == null || current.size() < minFiles) {
            return;
        }
        try {
            if (!changed && current.keySet().equals(cached.keySet())) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis())); // recently used
                return;
            }
            write();
            prune(file.getParent());
        } catch (IOException | RuntimeException e) {
            // read-only or full disk, a value that cannot be encoded: run without a cache
        }
    }

    private void write() throws IOException {
        CachedValues.Encoder encoder = new CachedValues.Encoder();
        Map<String, byte[]> blobs = new TreeMap<>();
        current.forEach((name, parsed) -> {
            try {
                blobs.put(name, encoder.encode(parsed.value()));
            } catch (IllegalArgumentException e) {
                // not cacheable: parsed again next time
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(MAGIC);
        out.writeLong(Fingerprint.VALUE);
        out.writeLong(0); // the checksum of what follows, set below
        writeString(out, root.toString());
        out.writeInt(encoder.strings().size());
        for (String s : encoder.strings()) {
            writeString(out, s);
        }
        out.writeInt(blobs.size());
        for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
            FileStamp stamp = current.get(blob.getKey()).stamp();
            writeString(out, blob.getKey());
            out.writeLong(stamp.size());
            out.writeLong(stamp.modified());
            out.writeLong(stamp.identity());
            out.writeInt(blob.getValue().length);
            out.write(blob.getValue());
        }
        out.flush();
        byte[] content = bytes.toByteArray();
        ByteBuffer.wrap(content).putLong(HEADER - Long.BYTES, checksum(content));
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        // Written aside and renamed: a reader sees the old cache or the new one, never half of one.
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** The entries of a cache file, or none when it is missing, damaged or for other code or another tree. */
    private static Map<String, Entry> read(Path file, Path root) {
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException | SecurityException | OutOfMemoryError e) {
            return Map.of();
        }
        try {
            if (in.getLong() != MAGIC || in.getLong() != Fingerprint.VALUE || in.getLong() != checksum(in.array())
                    || !root.toString().equals(readString(in))) {
                return Map.of();
            }
            String[] strings = new String[count(in)];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = readString(in);
            }
            int files = count(in);
            Map<String, Entry> entries = new HashMap<>(files * 4 / 3 + 1);
            for (int i = 0; i < files; i++) {
                String name = readString(in);
                FileStamp stamp = new FileStamp(in.getLong(), in.getLong(), in.getLong());
                int length = count(in);
                entries.put(name, new Entry(stamp, in.slice(in.position(), length), strings));
                in.position(in.position() + length);
            }
            return in.hasRemaining() ? Map.of() : entries;
        } catch (RuntimeException e) {
            return Map.of(); // damaged: every file is parsed and the cache rewritten
        }
    }

    /** CRC-32 of everything after the header: damage that would still decode is caught. */
    private static long checksum(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content, HEADER, content.length - HEADER);
        return crc.getValue();
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("bad count " + count);
        }
        return count;
    }

    private static String readString(ByteBuffer in) {
        int length = count(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    /**
     * Keeps the {@link #MAX_TREES} most recently used cache files, and drops those of trees
     * that are gone (test suites read many trees in temporary directories) and leftovers of
     * interrupted writes.
     */
    private static void prune(Path dir) throws IOException {
        List<Path> trees = new ArrayList<>();
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "tree-*")) {
            for (Path entry : entries) {
                if (entry.toString().endsWith(".tmp")) {
                    if (Files.getLastModifiedTime(entry).toMillis() < hourAgo) {
                        Files.deleteIfExists(entry);
                    }
                } else if (treeIsGone(entry)) {
                    Files.deleteIfExists(entry);
                } else {
                    trees.add(entry);
                }
            }
        }
        if (trees.size() <= MAX_TREES) {
            return;
        }
        Map<Path, Long> used = new HashMap<>();
        for (Path tree : trees) {
            used.put(tree, Files.getLastModifiedTime(tree).toMillis());
        }
        trees.sort(Comparator.comparing(used::get));
        for (Path old : trees.subList(0, trees.size() - MAX_TREES)) {
            Files.deleteIfExists(old);
        }
    }

    /** Whether the tree a cache file was written for is no longer there (a file that cannot be read is kept). */
    private static boolean treeIsGone(Path cacheFile) {
        try (InputStream in = Files.newInputStream(cacheFile)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(HEADER + Integer.BYTES + 4096));
            header.position(HEADER);
            return !Files.isDirectory(Path.of(readString(header)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The cache file's name for a tree: a hash of its path (the path itself is checked inside). */
    private static String name(Path tree) {
        byte[] path = tree.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(path);
        return "tree-" + hex8(tree.toString().hashCode()) + hex8((int) crc.getValue()) + ".bin";
    }

    /** {@code String.format("%08x")}, whose first use costs a short command several milliseconds. */
    private static String hex8(int value) {
        String hex = Integer.toHexString(value);
        return "0".repeat(8 - hex.length()) + hex;
    }

    /**
     * A fingerprint of the code that builds the cached values: the YAML reader, the value
     * encoding and snakeyaml-engine's version. Another build of either reads nothing cached
     * by this one, so a fix in the parser is never hidden by old cached results.
     */
    static final class Fingerprint {
        static final long VALUE = compute();

        private Fingerprint() {
        }

        /**
         * Run from a jar (the command line): the jar's path, size and modification time, so every build of the jar
         * starts a new cache. One stat, where reading the classes out of the jar costs a short command about 15 ms.
         * Run from class directories (tests): a checksum of those classes and of snakeyaml-engine's version.
         */
        private static long compute() {
            try {
                CodeSource source = ParseCache.class.getProtectionDomain().getCodeSource();
                Path jar = Path.of(source.getLocation().toURI());
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    CRC32 crc = new CRC32();
                    crc.update(jar.toString().getBytes(StandardCharsets.UTF_8));
                    crc.update(ByteBuffer.allocate(2 * Long.BYTES).putLong(attributes.size())
                            .putLong(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)).flip());
                    return crc.getValue();
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                // not a file: the classes are checked one by one
            }
            return classes();
        }

        private static long classes() {
            String[] resources = {
                "io/drover/fmf/FmfYaml.class", "io/drover/fmf/FmfYaml$Converter.class",
                "io/drover/fmf/FmfYaml$YamlMapping.class", "io/drover/fmf/FmfYaml$RuamelMergeComposer.class",
                "io/drover/fmf/CachedValues.class", "io/drover/fmf/CachedValues$Encoder.class",
                "io/drover/fmf/CachedValues$Decoder.class", "io/drover/fmf/ParseCache.class",
                "META-INF/maven/org.snakeyaml/snakeyaml-engine/pom.properties",
            };
            CRC32 crc = new CRC32();
            ClassLoader loader = ParseCache.class.getClassLoader();
            for (String resource : resources) {
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    crc.update(resource.getBytes(StandardCharsets.UTF_8));
                    if (in != null) {
                        crc.update(in.readAllBytes());
                    }
                } catch (IOException e) {
                    crc.update(0);
                }
            }
            return crc.getValue();
        }
    }
}
