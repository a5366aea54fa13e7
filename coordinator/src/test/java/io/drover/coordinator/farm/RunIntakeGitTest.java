package io.drover.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.event.TestPending;
import io.drover.tree.GitCheckouts;
import io.drover.tree.GitException;
import io.drover.tree.TestRepos;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake of runs from git repositories: the ref resolved once to a commit, the plans discovered at that commit. */
class RunIntakeGitTest {
    private static final String PLAN = "discover: {how: fmf}\nexecute: {how: tmt}\n";

    @TempDir
    Path temp;
    private TestRepos repo;
    private GitCheckouts checkouts;
    private String first;
    private String second;

    @BeforeEach
    void repository() {
        repo = TestRepos.init(temp.resolve("repo"));
        first = repo.commit(TestRepos.fmfTree(Map.of("/smoke", PLAN), Map.of("/one", "test: echo one\n")), "first");
        repo.tag("v1.0", true);
        repo.branch("stable");
        second = repo.commit(Map.of("tests/two.fmf", "test: echo two\n"), "second");
        checkouts = new GitCheckouts(temp.resolve("cache"));
    }

    private RunIntake.SplitRun split(String tree, String ref) {
        RunRequest request = new RunRequest(tree, ref, List.of(), List.of(), false, Map.of(), "sim:1",
                List.of(new RunSut("s1", "local", Map.of())), RunPolicy.DEFAULT, List.of());
        return RunIntake.split(request, "r1", checkouts);
    }

    @Test
    void aBranchAndATagResolveToTheirCommitsWhoseTestsAreDiscovered() {
        RunIntake.SplitRun branch = split(repo.url(), "stable");
        assertThat(branch.created().tree()).isEqualTo(repo.url());
        assertThat(branch.created().ref()).isEqualTo(first);
        assertThat(branch.tests()).extracting(TestPending::test).containsExactly("/tests/one");

        RunIntake.SplitRun tag = split(repo.url(), "v1.0");
        assertThat(tag.created().ref()).isEqualTo(first);

        RunIntake.SplitRun head = split(repo.url(), null);
        assertThat(head.created().ref()).isEqualTo(second);
        assertThat(head.tests()).extracting(TestPending::test).containsExactly("/tests/one", "/tests/two");
    }

    @Test
    void aLocalRepositoryWithARefIsRecordedByItsAbsolutePath() {
        RunIntake.SplitRun split = split(repo.dir().toString(), "stable");
        assertThat(split.created().tree()).isEqualTo(repo.dir().toAbsolutePath().toString());
        assertThat(split.created().ref()).isEqualTo(first);
    }

    @Test
    void aPathWithoutARefIsStillAPath() {
        RunIntake.SplitRun split = split(repo.dir().toString(), null);
        assertThat(split.created().tree()).isEqualTo(repo.dir().toAbsolutePath().toString());
        assertThat(split.created().ref()).isNull();
    }

    @Test
    void unknownRefsUnreachableUrlsAndTreelessCommitsAreOneLineErrors() {
        assertThatThrownBy(() -> split(repo.url(), "no-such")).isInstanceOf(GitException.class)
                .hasMessage("the git repository " + repo.url() + " has no branch, tag or commit 'no-such'");

        String nowhere = temp.resolve("nowhere").toUri().toString();
        assertThatThrownBy(() -> split(nowhere, "main")).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch ref 'main' from the git repository " + nowhere + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> split(nowhere, null)).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch HEAD from the git repository " + nowhere + ": ");

        Map<String, String> removed = new java.util.HashMap<>();
        removed.put(".fmf/version", null);
        String plain = repo.commit(removed, "no tree");
        assertThatThrownBy(() -> split(repo.url(), "main")).isInstanceOf(GitException.class)
                .hasMessage("the git repository " + repo.url() + " at " + plain
                        + " has no fmf tree at its root (no .fmf directory)");
    }
}
