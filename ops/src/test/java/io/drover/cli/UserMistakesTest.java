package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user mistake prints one line naming the file, line, key or plan, and exits 64 or 65. */
class UserMistakesTest {
    @TempDir
    Path tree;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Path path = tree.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private static void assertOneLineError(CliRun run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(fragments);
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() throws IOException {
        write("tests/main.fmf", "summary: x\ntag: [a, b\n");
        assertOneLineError(CliRun.of("fmf", "ls", tree.toString()), 65, "main.fmf:3:1", "invalid YAML");
    }

    @Test
    void duplicateKeyNamesTheKeyAndLine() throws IOException {
        write("main.fmf", "test: a\nsummary: one\nsummary: two\n");
        assertOneLineError(CliRun.of("tests", "ls", "--root", tree.toString()), 65, "main.fmf:3:1", "duplicate key 'summary'");
    }

    @Test
    void badDirectiveNamesNodeFileAndLine() throws IOException {
        write("main.fmf", "/child:\n    /: not a mapping\n");
        assertOneLineError(CliRun.of("fmf", "ls", tree.toString()), 65, "main.fmf:2", "Invalid fmf directive in '/child'");
    }

    @Test
    void badMergeNamesTheKeyAndNode() throws IOException {
        write("main.fmf", "time: 1\n/child:\n    time+: [1]\n");
        assertOneLineError(CliRun.of("fmf", "ls", tree.toString()), 65, "Key 'time'", "'/child'");
    }

    @Test
    void badTestKeyNamesTestFileAndKey() throws IOException {
        write("main.fmf", "test: ./run.sh\nduration: soon\n");
        assertOneLineError(CliRun.of("tests", "ls", "--root", tree.toString()), 65, "test '/'", "main.fmf", "'duration'");
    }

    @Test
    void badAdjustRuleNamesTheRuleAndNode() throws IOException {
        write("main.fmf", "test: ./run.sh\nadjust:\n  - when: distro ==\n    enabled: false\n");
        assertOneLineError(CliRun.of("tests", "ls", "--root", tree.toString(), "-c", "distro=fedora"), 65,
                "distro ==", "'/'");
    }

    @Test
    void unknownPlanIsAUsageError() throws IOException {
        write("plans.fmf", "/smoke:\n    discover: {how: fmf}\n    execute: {how: tmt}\n");
        assertOneLineError(CliRun.of("discover", "--plan", "nightly", tree.toString()), 64, "nightly", "/plans/smoke");
    }

    @Test
    void badContextAndBadFilterAreUsageErrors() throws IOException {
        write("main.fmf", "test: ./run.sh\n");
        assertOneLineError(CliRun.of("discover", "-c", "distro", tree.toString()), 64, "invalid context 'distro'");
        assertOneLineError(CliRun.of("tests", "ls", "--root", tree.toString(), "--filter", "tag: (x"), 64,
                "invalid filter 'tag: (x'");
    }

    @Test
    void noTreeRootIsReported() {
        assertOneLineError(CliRun.of("fmf", "ls", tree.toString()), 65, "Unable to find tree root");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneLineError(CliRun.of("discover", "--frobnicate"), 64, "--frobnicate");
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("drover ");
    }
}
