package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tree a metadata command's raw arguments name, before picocli has parsed them. */
class LoadAheadTest {
    private static final Set<String> DIRECTORIES = Set.of("tree", "other", "/abs/tree", ".");

    private static Path tree(String... args) {
        return LoadAhead.tree(args, DIRECTORIES::contains);
    }

    @Test
    void theLastDirectoryArgumentOfAMetadataCommand() {
        assertThat(tree("fmf", "dump", "-c", "distro=fedora", "tree")).isEqualTo(Path.of("tree"));
        assertThat(tree("discover", "--json", "tree", "-c", "arch=x86_64")).isEqualTo(Path.of("tree"));
        assertThat(tree("discover", "other", "tree")).isEqualTo(Path.of("tree"));
        assertThat(tree("--config", "drover.yaml", "fmf", "ls", "/abs/tree")).isEqualTo(Path.of("/abs/tree"));
        assertThat(tree("--config=drover.yaml", "plans", "ls")).isEqualTo(Path.of("."));
    }

    @Test
    void theRootOptionOfTestsAndPlans() {
        assertThat(tree("tests", "ls", "--root", "/x/y", "tree")).isEqualTo(Path.of("/x/y"));
        assertThat(tree("plans", "show", "--root=/x/y")).isEqualTo(Path.of("/x/y"));
    }

    @Test
    void theCurrentDirectoryWhenNoArgumentIsADirectory() {
        assertThat(tree("tests", "ls", "^/smoke", "-f", "tier: 1")).isEqualTo(Path.of("."));
        assertThat(tree("fmf", "dump")).isEqualTo(Path.of("."));
    }

    @Test
    void noTreeForOtherCommandsHelpOrNothing() {
        assertThat(tree()).isNull();
        assertThat(tree("--version")).isNull();
        assertThat(tree("run", "tree")).isNull();
        assertThat(tree("--config", "drover.yaml")).isNull();
        assertThat(tree("discover", "--help", "tree")).isNull();
        assertThat(tree("fmf", "-h")).isNull();
        assertThat(tree("tree", "discover")).isNull();
    }
}
