package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.fmf.context.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree behaviour the shared corpus does not pin, on trees written here. */
class FmfTreeTest {
    @TempDir
    Path root;

    @Test
    void aTreeFromDataInheritsAsATreeFromFiles() {
        FmfTree tree = FmfTree.fromData(Map.of("tag", List.of("a"), "/child", Map.of("tag+", List.of("b"))));
        assertThat(tree.root()).isNull();
        assertThat(tree.find("/child").orElseThrow().data()).containsEntry("tag", List.of("a", "b"));
        assertThat(tree.climb(false)).extracting(FmfNode::name).containsExactly("/child");
    }

    @Test
    void anAdjustedCopyLeavesTheLoadedTreeAsItWas() throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        Files.writeString(root.resolve(".fmf/version"), "1\n");
        Files.writeString(root.resolve("main.fmf"), """
                environment: {A: "1"}
                adjust:
                    when: distro == fedora
                    environment+: {B: "2"}
                /child:
                    test: ./run.sh
                """);
        FmfTree tree = FmfTree.load(root);
        FmfTree fedora = tree.adjusted(Adjustment.of(Context.of(Map.of("distro", "fedora-41"))));
        assertThat(fedora.find("/child").orElseThrow().data().get("environment")).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(tree.find("/child").orElseThrow().data().get("environment")).isEqualTo(Map.of("A", "1"));
        assertThat(tree.find("/").orElseThrow().data().get("environment")).isEqualTo(Map.of("A", "1"));
    }

    @Test
    void theFirstBadFileInReadingOrderIsReported() throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        Files.writeString(root.resolve(".fmf/version"), "1\n");
        Files.writeString(root.resolve("a.fmf"), "x: [\n");
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("b/main.fmf"), "y: {\n");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> FmfTree.load(root)).isInstanceOf(FmfFileException.class)
                    .hasMessageContaining("a.fmf");
        }
    }

    @Test
    void aTreeLoadedAheadIsTheTreeLoadedAndIsTakenOnce() throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        Files.writeString(root.resolve(".fmf/version"), "1\n");
        Files.createDirectories(root.resolve("tests"));
        Files.writeString(root.resolve("main.fmf"), "tier: 1\n");
        Files.writeString(root.resolve("tests/smoke.fmf"), "test: ./run.sh\n");
        FmfTree.loadAhead(root.resolve("tests"));
        FmfTree ahead = FmfTree.load(root);
        FmfTree again = FmfTree.load(root.resolve("tests"));
        assertThat(ahead).isNotSameAs(again);
        for (FmfTree tree : List.of(ahead, again)) {
            assertThat(tree.root()).isEqualTo(root.toAbsolutePath().normalize());
            assertThat(tree.climb(true)).extracting(FmfNode::name).containsExactly("/", "/tests", "/tests/smoke");
            assertThat(tree.find("/tests/smoke").orElseThrow().data()).isEqualTo(Map.of("tier", 1L, "test", "./run.sh"));
        }
    }

    @Test
    void aBadTreeLoadedAheadFailsWhenLoadedAsItWouldHave() throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        Files.writeString(root.resolve(".fmf/version"), "1\n");
        Files.writeString(root.resolve("a.fmf"), "x: [\n");
        String message = org.assertj.core.api.Assertions.catchThrowable(() -> FmfTree.load(root)).getMessage();
        FmfTree.loadAhead(root);
        assertThatThrownBy(() -> FmfTree.load(root)).isInstanceOf(FmfFileException.class).hasMessage(message);
    }

    @Test
    void loadingAheadOutsideATreeDoesNothing() {
        FmfTree.loadAhead(root.resolve("missing"));
        FmfTree.loadAhead(root);
        assertThatThrownBy(() -> FmfTree.load(root)).isInstanceOf(FmfFileException.class)
                .hasMessageContaining("Unable to find tree root");
    }

    @Test
    void aMissingOrBadVersionFileIsAFormatError() throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        assertThatThrownBy(() -> FmfTree.load(root)).isInstanceOf(FmfFormatException.class)
                .hasMessageContaining("Unable to detect format version");
        Files.writeString(root.resolve(".fmf/version"), "one\n");
        assertThatThrownBy(() -> FmfTree.load(root)).isInstanceOf(FmfFormatException.class)
                .hasMessageContaining("Invalid version format");
    }
}
