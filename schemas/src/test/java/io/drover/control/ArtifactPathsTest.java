package io.drover.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArtifactPathsTest {
    private final Path files = Path.of("/artifacts/files");

    @Test
    void replacesControlCharactersByUnderscore() {
        assertThat(ArtifactPaths.normalize("a\u0000b\tc\nd\u001fe\u007ff\u0080g\u009fh\u00a0i"))
                .isEqualTo("a_b_c_d_e_f_g_h\u00a0i");
    }

    @Test
    void dropsEmptyDotAndDotDotPartsAndTheLeadingSlash() {
        assertThat(ArtifactPaths.normalize("/etc/passwd")).isEqualTo("etc/passwd");
        assertThat(ArtifactPaths.normalize("../../x")).isEqualTo("x");
        assertThat(ArtifactPaths.normalize("a/./b//c/../d/")).isEqualTo("a/b/c/d");
        assertThat(ArtifactPaths.normalize("...")).isEqualTo("...");
        assertThat(ArtifactPaths.normalize(".hidden/..x")).isEqualTo(".hidden/..x");
        assertThat(ArtifactPaths.normalize("..")).isEmpty();
        assertThat(ArtifactPaths.normalize("")).isEmpty();
    }

    @Test
    void namedResultsGetTheirOwnDirectory() {
        assertThat(ArtifactPaths.resolve(files, "sub/res/ult", "log.txt")).isEqualTo(files.resolve("sub/res/ult/log.txt"));
        assertThat(ArtifactPaths.resolve(files, null, "dir/log.txt")).isEqualTo(files.resolve("dir/log.txt"));
        assertThat(ArtifactPaths.resolve(files, "/..", "log.txt")).isEqualTo(files.resolve("log.txt"));
    }

    @Test
    void nothingEscapesTheFilesDirectory() {
        assertThat(ArtifactPaths.resolve(files, "../../..", "../../etc/passwd")).isEqualTo(files.resolve("etc/passwd"));
        assertThat(ArtifactPaths.resolve(files, "/tmp", "/x")).isEqualTo(files.resolve("tmp/x"));
        assertThat(ArtifactPaths.resolve(files, "a/../../b", "c/../../d")).isEqualTo(files.resolve("a/b/c/d"));
    }
}
