package io.drover.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.event.OutputChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFilesTest {
    @TempDir
    Path root;

    private static OutputChunk chunk(String run, String plan, String test, String file, long offset, String text) {
        return new OutputChunk(run, plan, test, 1, 2, file, offset, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chunksLandAtTheirOffsetsAndWritingThemAgainChangesNothing() throws Exception {
        try (ArtifactFiles files = new ArtifactFiles(root)) {
            OutputChunk second = chunk("r1", "/plans/a", "/tests/b", "files/output.txt", 6, "world\n");
            assertThat(files.write(second)).isEqualTo(Path.of("plans/a/tests/b/attempt-2/files/output.txt"));
            files.write(chunk("r1", "/plans/a", "/tests/b", "files/output.txt", 0, "hello "));
            files.sync();
            files.write(second);
        }
        assertThat(root.resolve("r1/plans/a/tests/b/attempt-2/files/output.txt")).hasContent("hello world\n");
    }

    @Test
    void namesThatLeadOutsideTheRunAreRefused() throws Exception {
        try (ArtifactFiles files = new ArtifactFiles(root)) {
            assertThat(files.write(chunk("../x", "/p", "/t", "files/output.txt", 0, "x"))).isNull();
            assertThat(files.write(chunk("r1", "/p", "/t", "../../../../../escape", 0, "x"))).isNull();
            assertThat(files.write(chunk("r1", "/../../..", "/t", "files/o", 0, "x"))).isNull();
            assertThat(files.write(chunk("r1", "/p", "/t", "files/../../attempt-3/ok.txt", 0, "x")))
                    .isEqualTo(Path.of("p/t/attempt-3/ok.txt"));
        }
        try (var all = Files.walk(root.getParent(), 1)) {
            assertThat(all).noneMatch(p -> p.getFileName().toString().equals("escape"));
        }
    }

    @Test
    void withoutARootChunksAreOnlyPlaced() throws Exception {
        try (ArtifactFiles files = new ArtifactFiles(null)) {
            assertThat(files.write(chunk("r1", "/p", "/t", "files/output.txt", 0, "x")))
                    .isEqualTo(Path.of("p/t/attempt-2/files/output.txt"));
        }
    }
}
