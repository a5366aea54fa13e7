package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse cache gives back exactly what parsing gives, and never data of a file that changed. */
class ParseCacheTest {
    @TempDir
    Path root;
    @TempDir
    Path cacheDir;
    private Instant past = Instant.now().minus(Duration.ofHours(1));

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        Files.writeString(root.resolve(".fmf/version"), "1\n");
        write("main.fmf", """
                summary: top
                tier: 1
                ratio: 0.5
                big: 123456789012345678901234567890
                nan: .nan
                negative-zero: -0.0
                enabled: true
                nothing: ~
                day: 2024-02-29
                moment: 2001-12-14 21:59:43.10 -5
                octal: 0o17
                "quoted 1": "1"
                base: &base {a: 1, b: [x, y]}
                again: *base
                merged:
                    <<: *base
                    b: [z]
                keys: {~: null key, x: 1}
                adjust:
                  - when: distro == fedora
                    tag+: [fedora]
                /child:
                    test: ./run.sh
                    tag: [a, b]
                """);
        write("tests.fmf", """
                /one:
                    summary: One
                /two:
                    summary: Two
                    duration: 5m
                """);
        write("sub/main.fmf", "component: [x]\n");
        write("sub/empty.fmf", "");
    }

    @Test
    void aCacheHitGivesExactlyWhatParsingGives() {
        FmfTree parsed = FmfTree.load(root, cache());
        ParseCache cache = cache();
        FmfTree cached = FmfTree.load(root, cache);
        assertThat(cache.hits()).isEqualTo(4);
        assertSameTree(cached, parsed);
        assertSameTree(cached, FmfTree.load(root, ParseCache.in(null, root, 0, Duration.ZERO)));
        Map<String, Object> data = cached.top().data();
        assertThat(data.get("tier")).isInstanceOf(Long.class);
        assertThat(data.get("big")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat((Double) data.get("negative-zero")).isEqualTo(-0.0).matches(d -> 1 / d < 0);
        assertThat(data.get("again")).isEqualTo(data.get("base"));
        assertThat(FmfJson.dump(cached).toPrettyString()).isEqualTo(FmfJson.dump(parsed).toPrettyString());
    }

    @Test
    void keyLinesSurviveTheCacheForErrorMessages() throws IOException {
        write("bad.fmf", """
                summary: fine

                /: {inherit: 1}
                """);
        String first = messageOf(() -> FmfTree.load(root, cache()));
        ParseCache cache = cache();
        String second = messageOf(() -> FmfTree.load(root, cache));
        assertThat(cache.hits()).isEqualTo(5);
        assertThat(second).isEqualTo(first).contains("bad.fmf:3:");
    }

    @Test
    void aFileChangedWithTheSameSizeIsParsedAgain() throws IOException {
        FmfTree.load(root, cache());
        write("tests.fmf", Files.readString(root.resolve("tests.fmf")).replace("One", "Uno"), past.plusSeconds(7));
        ParseCache cache = cache();
        FmfTree tree = FmfTree.load(root, cache);
        assertThat(cache.hits()).isEqualTo(3);
        assertThat(tree.find("/tests/one").orElseThrow().data()).containsEntry("summary", "Uno");
        // and the new content is what is cached now
        ParseCache again = cache();
        assertThat(FmfTree.load(root, again).find("/tests/one").orElseThrow().data()).containsEntry("summary", "Uno");
        assertThat(again.hits()).isEqualTo(4);
    }

    @Test
    void addedAndRemovedFilesAreSeen() throws IOException {
        FmfTree.load(root, cache());
        write("sub/new.fmf", "summary: new\n");
        Files.delete(root.resolve("tests.fmf"));
        ParseCache cache = cache();
        FmfTree tree = FmfTree.load(root, cache);
        assertThat(cache.hits()).isEqualTo(3);
        assertThat(tree.find("/sub/new").orElseThrow().data()).containsEntry("summary", "new");
        assertThat(tree.find("/tests/one")).isEmpty();
        ParseCache again = cache();
        assertSameTree(FmfTree.load(root, again), tree);
        assertThat(again.hits()).isEqualTo(4);
    }

    @Test
    void aDamagedCacheIsIgnoredAndRewritten() throws IOException {
        FmfTree parsed = FmfTree.load(root, cache());
        Path file = cache().file();
        byte[] bytes = Files.readAllBytes(file);
        for (byte[] damaged : List.of(new byte[0], "garbage".getBytes(), java.util.Arrays.copyOf(bytes, bytes.length / 2),
                flipped(bytes, bytes.length - 3), flipped(bytes, bytes.length / 2))) {
            Files.write(file, damaged);
            assertSameTree(FmfTree.load(root, cache()), parsed);
            ParseCache rewritten = cache();
            assertSameTree(FmfTree.load(root, rewritten), parsed);
            assertThat(rewritten.hits()).isEqualTo(4);
        }
    }

    @Test
    void aCacheThatCannotBeWrittenIsSkipped() throws IOException {
        Path notADirectory = Files.writeString(cacheDir.resolve("file"), "x");
        ParseCache cache = ParseCache.in(notADirectory.resolve("cache"), root, 0, Duration.ZERO);
        FmfTree tree = FmfTree.load(root, cache);
        assertThat(tree.find("/tests/two")).isPresent();
        assertThat(Files.isRegularFile(notADirectory)).isTrue();
    }

    @Test
    void aFileWithBadYamlIsNeverCachedAndReportedEachTime() throws IOException {
        write("sub/broken.fmf", "summary: ok\nlist: [a, b\n");
        String first = messageOf(() -> FmfTree.load(root, cache()));
        ParseCache cache = cache();
        String second = messageOf(() -> FmfTree.load(root, cache));
        assertThat(first).contains("broken.fmf:").contains("invalid YAML");
        assertThat(second).isEqualTo(first);
        assertThat(cache.hits()).as("the other files came from the cache").isEqualTo(4);
    }

    @Test
    void nothingIsWrittenInsideTheTree() throws IOException {
        ParseCache cache = ParseCache.in(root.resolve(".cache"), root, 0, Duration.ZERO);
        FmfTree.load(root, cache);
        assertThat(cache.file()).isNull();
        assertThat(root.resolve(".cache")).doesNotExist();
    }

    @Test
    void filesChangedWithinTheSettlingTimeAreNotCachedYet() {
        // the files were modified an hour ago
        FmfTree.load(root, ParseCache.in(cacheDir, root, 0, Duration.ofHours(2)));
        ParseCache cache = cache();
        FmfTree.load(root, cache);
        assertThat(cache.hits()).isZero();
        ParseCache again = cache();
        FmfTree.load(root, again);
        assertThat(again.hits()).isEqualTo(4);
    }

    @Test
    void theCacheOfATreeThatIsGoneIsDeletedOnTheNextWrite() throws IOException {
        Path other = Files.createDirectories(cacheDir.resolve("other-tree"));
        Files.createDirectories(other.resolve(".fmf"));
        Files.writeString(other.resolve(".fmf/version"), "1\n");
        Files.writeString(other.resolve("main.fmf"), "summary: other\n");
        Path otherCache = cacheDir.resolve("cache");
        ParseCache first = ParseCache.in(otherCache, other, 0, Duration.ZERO);
        FmfTree.load(other, first);
        assertThat(first.file()).exists();
        Files.delete(other.resolve("main.fmf"));
        Files.delete(other.resolve(".fmf/version"));
        Files.delete(other.resolve(".fmf"));
        Files.delete(other);
        ParseCache cache = ParseCache.in(otherCache, root, 0, Duration.ZERO);
        FmfTree.load(root, cache);
        assertThat(cache.file()).exists();
        assertThat(first.file()).doesNotExist();
    }

    @Test
    void smallTreesAreNotCached() {
        ParseCache small = ParseCache.in(cacheDir, root, 5, Duration.ZERO);
        FmfTree.load(root, small);
        assertThat(small.file()).doesNotExist();
    }

    @Test
    void theDirectoryComesFromTheSystemPropertyOrTheEnvironment() {
        String before = System.getProperty("drover.fmf.cache");
        try {
            System.setProperty("drover.fmf.cache", "off");
            assertThat(ParseCache.directory()).isNull();
            assertThat(ParseCache.forTree(root).file()).isNull();
            System.setProperty("drover.fmf.cache", cacheDir.toString());
            assertThat(ParseCache.directory()).isEqualTo(cacheDir);
            assertThat(ParseCache.forTree(root).file().getParent()).isEqualTo(cacheDir);
            System.clearProperty("drover.fmf.cache");
            if (System.getenv("DROVER_FMF_CACHE") == null) {
                assertThat(ParseCache.directory()).endsWith(Path.of("drover", "fmf"));
            }
        } finally {
            if (before == null) {
                System.clearProperty("drover.fmf.cache");
            } else {
                System.setProperty("drover.fmf.cache", before);
            }
        }
    }

    private ParseCache cache() {
        return ParseCache.in(cacheDir, root, 0, Duration.ZERO);
    }

    private void write(String name, String text) throws IOException {
        write(name, text, past);
    }

    /** Writes a file with a modification time in the past (null: now). */
    private void write(String name, String text, Instant modified) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        if (modified != null) {
            Files.setLastModifiedTime(file, FileTime.from(modified));
        }
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5a;
        return copy;
    }

    private static String messageOf(Runnable load) {
        try {
            load.run();
        } catch (FmfException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    /** Same nodes, same data with the same Java types and key order, same sources. */
    static void assertSameTree(FmfTree actual, FmfTree expected) {
        List<FmfNode> a = actual.climb(true);
        List<FmfNode> e = expected.climb(true);
        assertThat(a).extracting(FmfNode::name).containsExactlyElementsOf(e.stream().map(FmfNode::name).toList());
        for (int i = 0; i < a.size(); i++) {
            assertSameValue(a.get(i).data(), e.get(i).data(), a.get(i).name());
            assertThat(a.get(i).sources()).isEqualTo(e.get(i).sources());
        }
    }

    static void assertSameValue(Object actual, Object expected, String where) {
        if (expected == null) {
            assertThat(actual).as(where).isNull();
            return;
        }
        assertThat(actual).as(where).isNotNull();
        assertThat(actual.getClass()).as(where).isEqualTo(expected.getClass());
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(other.keySet())).as(where).isEqualTo(new ArrayList<>(map.keySet()));
            map.forEach((k, v) -> assertSameValue(other.get(k), v, where + "." + k));
            if (map instanceof FmfYaml.YamlMapping lines) {
                map.keySet().forEach(k -> assertThat(((FmfYaml.YamlMapping) other).line((String) k))
                        .as(where + " line of " + k).isEqualTo(lines.line((String) k)));
            }
        } else if (expected instanceof List<?> list) {
            List<?> other = (List<?>) actual;
            assertThat(other).as(where).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(other.get(i), list.get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }
}
