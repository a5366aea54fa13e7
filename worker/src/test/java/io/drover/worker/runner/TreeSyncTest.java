package io.drover.worker.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.drover.worker.sut.LocalSutConnection;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;

class TreeSyncTest {
    private static final String LONG_PATH = "deep/" + "d".repeat(70) + "/" + "f".repeat(70) + ".fmf";
    private static final String ODD_NAME = "name with spaces and 'quote' \"too\"\nand a newline.txt";
    private static final String UTF8_NAME = "tëst-ünïcödé-日本語.fmf";

    @TempDir
    Path tmp;

    private final SutConnection sut = new LocalSutConnection();

    @AfterEach
    void closeSut() {
        sut.close();
    }

    @Test
    void firstSyncCopiesEverythingIntoAMissingDirectory() throws Exception {
        Path local = exampleTree(tmp.resolve("local"));
        Path remote = tmp.resolve("sut root/not yet there");

        TreeSync.Report report = TreeSync.sync(sut, local, remote.toString());

        assertThat(report.files()).isEqualTo(12);
        assertThat(report.sent()).isEqualTo(12);
        assertThat(report.deleted()).isZero();
        assertThat(report.bytesSent()).isGreaterThan(0);
        assertThat(describe(remote)).isEqualTo(describe(local));
        assertThat(describe(remote)).containsKeys(LONG_PATH, ODD_NAME, UTF8_NAME, "empty", "bin/run.sh", "to-tests", "long-link")
                .doesNotContainKeys(".git", ".git/config", "tests/sub/.git");
        assertThat(describe(remote).get("bin/run.sh")).startsWith("file x ");
        assertThat(describe(remote).get("to-tests")).isEqualTo("link tests");
    }

    @Test
    void secondSyncWithoutChangesSendsNothing() throws Exception {
        Path local = exampleTree(tmp.resolve("local"));
        Path remote = tmp.resolve("remote");
        TreeSync.sync(sut, local, remote.toString());

        assertThat(TreeSync.sync(sut, local, remote.toString())).isEqualTo(new TreeSync.Report(12, 0, 0, 0));
        assertThat(describe(remote)).isEqualTo(describe(local));
    }

    @Test
    void sendsAndDeletesExactlyWhatChanged() throws Exception {
        Path local = tmp.resolve("local");
        for (String name : List.of("modified.txt", "touched.txt", "chmodded.sh", "gone.txt", "same.txt",
                "keep/same.txt", "old/one.txt", "old/nested/two.txt")) {
            write(local.resolve(name), "content of " + name);
        }
        Path poisoned = tmp.resolve("poisoned");
        Path plain = tmp.resolve("plain");
        TreeSync.sync(sut, local, poisoned.toString());
        TreeSync.sync(sut, local, plain.toString());
        poison(poisoned);

        write(local.resolve("modified.txt"), "new and longer content");
        Files.setLastModifiedTime(local.resolve("touched.txt"),
                FileTime.fromMillis(Files.getLastModifiedTime(local.resolve("touched.txt")).toMillis() + 100_000));
        addPermission(local.resolve("chmodded.sh"), PosixFilePermission.OWNER_EXECUTE);
        write(local.resolve("added/new.txt"), "new file");
        Files.delete(local.resolve("gone.txt"));
        deleteRecursively(local.resolve("old"));

        TreeSync.Report expected = new TreeSync.Report(6, 4, 3, 0);
        TreeSync.Report report = TreeSync.sync(sut, local, poisoned.toString());
        assertThat(report).usingRecursiveComparison().ignoringFields("bytesSent").isEqualTo(expected);
        assertThat(unpoisoned(poisoned)).containsExactlyInAnyOrder(
                "modified.txt", "touched.txt", "chmodded.sh", "added/new.txt");
        assertThat(describe(poisoned).keySet()).isEqualTo(describe(local).keySet());

        assertThat(TreeSync.sync(sut, local, plain.toString()))
                .usingRecursiveComparison().ignoringFields("bytesSent").isEqualTo(expected);
        assertThat(describe(plain)).isEqualTo(describe(local));
    }

    @Test
    void replacesEntriesWhoseTypeChanged() throws Exception {
        Path local = tmp.resolve("local");
        write(local.resolve("was-file"), "file");
        write(local.resolve("was-dir/inside.txt"), "inside");
        write(local.resolve("target/x.txt"), "x");
        Files.createSymbolicLink(local.resolve("was-link"), Path.of("target"));
        Files.createSymbolicLink(local.resolve("retargeted"), Path.of("target"));
        Path remote = tmp.resolve("remote");
        TreeSync.sync(sut, local, remote.toString());

        Files.delete(local.resolve("was-file"));
        write(local.resolve("was-file/now-inside.txt"), "now a directory");
        deleteRecursively(local.resolve("was-dir"));
        Files.createSymbolicLink(local.resolve("was-dir"), Path.of("target"));
        Files.delete(local.resolve("was-link"));
        write(local.resolve("was-link"), "now a file");
        Files.delete(local.resolve("retargeted"));
        Files.createSymbolicLink(local.resolve("retargeted"), Path.of("elsewhere"));

        TreeSync.Report report = TreeSync.sync(sut, local, remote.toString());

        assertThat(report.sent()).isEqualTo(4);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(describe(remote)).isEqualTo(describe(local));
        assertThat(remote.resolve("target/inside.txt")).doesNotExist();
    }

    @Test
    void skipsGitDirectoriesAnywhere() throws Exception {
        Path local = tmp.resolve("local");
        write(local.resolve("main.fmf"), "summary: x");
        write(local.resolve(".git/HEAD"), "ref: refs/heads/main");
        write(local.resolve("sub/.git/objects/ab/cdef"), "blob");
        write(local.resolve("sub/test.fmf"), "test: ./run.sh");
        Path remote = tmp.resolve("remote");

        assertThat(TreeSync.sync(sut, local, remote.toString()).files()).isEqualTo(2);

        assertThat(describe(remote).keySet()).containsExactly("main.fmf", "sub", "sub/test.fmf");
    }

    @Test
    void syncsTwoThousandFilesAndStreamsTheirListing() throws Exception {
        Path local = tmp.resolve("local");
        for (int i = 0; i < 2000; i++) {
            write(local.resolve(String.format("tests/group-%02d/test-with-a-longish-name-%04d/main.fmf", i % 20, i)),
                    "summary: test " + i + "\n");
        }
        Path remote = tmp.resolve("remote");
        long started = System.nanoTime();

        TreeSync.Report first = TreeSync.sync(sut, local, remote.toString());
        TreeSync.Report second = TreeSync.sync(sut, local, remote.toString());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(first.files()).isEqualTo(2000);
        assertThat(first.sent()).isEqualTo(2000);
        // the second listing is well over the 64 KiB a plain run() would keep
        assertThat(second).isEqualTo(new TreeSync.Report(2000, 0, 0, 0));
        assertThat(describe(remote)).isEqualTo(describe(local));
    }

    @Test
    void resendsAFileChangedOnTheSutAndDeletesWhatWasAddedThere() throws Exception {
        Path local = exampleTree(tmp.resolve("local"));
        Path remote = tmp.resolve("remote");
        TreeSync.sync(sut, local, remote.toString());
        Files.writeString(remote.resolve("README.md"), "changed on the SUT");
        write(remote.resolve("stray dir/stray.txt"), "left by a test");

        TreeSync.Report report = TreeSync.sync(sut, local, remote.toString());

        assertThat(report).usingRecursiveComparison().ignoringFields("bytesSent")
                .isEqualTo(new TreeSync.Report(12, 1, 1, 0));
        assertThat(describe(remote)).isEqualTo(describe(local));
    }

    @Test
    void anUnwritableRemoteDirectoryIsASetupFailureNamingTheSut() throws Exception {
        Path local = exampleTree(tmp.resolve("local"));
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a directory");
        String remote = file.resolve("tree").toString();

        SutException e = catchThrowableOfType(SutException.class, () -> TreeSync.sync(sut, local, remote));

        assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(e.getMessage()).startsWith("local: cannot list " + remote).contains("Not a directory")
                .doesNotContain("\n");
    }

    @Test
    void aMissingLocalTreeIsASetupFailure() {
        Path missing = tmp.resolve("missing");

        SutException e = catchThrowableOfType(SutException.class,
                () -> TreeSync.sync(sut, missing, tmp.resolve("remote").toString()));

        assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP);
        assertThat(e.getMessage()).startsWith("local: cannot read local tree " + missing);
    }

    @Test
    void refusesToSyncOntoTheRootDirectory() throws Exception {
        Path local = exampleTree(tmp.resolve("local"));

        assertThatThrownBy(() -> TreeSync.sync(sut, local, "//")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TreeSync.sync(sut, local, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A tree with 12 files and symlinks, an empty directory and two .git directories. */
    private static Path exampleTree(Path root) throws IOException {
        write(root.resolve("README.md"), "# demo\n");
        write(root.resolve("bin/run.sh"), "#!/bin/sh\necho run\n");
        addPermission(root.resolve("bin/run.sh"), PosixFilePermission.OWNER_EXECUTE);
        write(root.resolve("tests/main.fmf"), "test: ./run.sh\n");
        write(root.resolve("tests/sub/test.fmf"), "summary: nested\n");
        Files.createSymbolicLink(root.resolve("tests/readme"), Path.of("../README.md"));
        Files.createSymbolicLink(root.resolve("to-tests"), Path.of("tests"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nowhere/at all"));
        write(root.resolve(ODD_NAME), "odd\n");
        write(root.resolve(UTF8_NAME), "ünïcödé\n");
        write(root.resolve(LONG_PATH), "long\n");
        Files.createSymbolicLink(root.resolve("long-link"), Path.of(LONG_PATH));
        write(root.resolve("-starts-with-dash"), "dash\n");
        Files.createDirectories(root.resolve("empty"));
        write(root.resolve(".git/config"), "[core]\n");
        write(root.resolve("tests/sub/.git/HEAD"), "ref\n");
        return root;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void addPermission(Path file, PosixFilePermission permission) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        permissions.add(permission);
        Files.setPosixFilePermissions(file, permissions);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Every entry under {@code root} except {@code .git} directories, as "dir", "link TARGET" or
     * "file x|- MTIME_SECONDS CONTENT".
     */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.skip(1).toList()) {
                String name = root.relativize(path).toString();
                if (Arrays.asList(name.split("/")).contains(".git")) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    entries.put(name, "link " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, "dir");
                } else {
                    boolean executable = Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
                    entries.put(name, "file " + (executable ? "x " : "- ")
                            + Files.getLastModifiedTime(path).toInstant().getEpochSecond() + " "
                            + new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    /** Overwrites every regular file with as many '#' as it had bytes, keeping its mtime, so quick check sees no change. */
    private static void poison(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                FileTime mtime = Files.getLastModifiedTime(path);
                byte[] poison = new byte[(int) Files.size(path)];
                Arrays.fill(poison, (byte) '#');
                Files.write(path, poison);
                Files.setLastModifiedTime(path, mtime);
            }
        }
    }

    /** The regular files under {@code root} that are not (or no longer) poisoned. */
    private static Set<String> unpoisoned(Path root) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String content = Files.readString(path);
                if (!content.isEmpty() && !content.chars().allMatch(c -> c == '#')) {
                    files.add(root.relativize(path).toString());
                }
            }
        }
        return files;
    }
}
