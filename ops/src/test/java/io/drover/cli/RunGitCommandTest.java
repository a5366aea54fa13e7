package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.tree.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover run [--ref REF] URL}: a run from a git repository, with the farm started in the process. */
class RunGitCommandTest {
    @TempDir
    Path temp;

    private TestRepos repository() {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        repo.commit(TestRepos.fmfTree(Map.of("/smoke", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/hello", "test: echo hello\n")), "tests");
        return repo;
    }

    @Test
    void aTagOfARepositoryRunsAndIsFetchedOnceForTheCommandAndItsWorkers() throws Exception {
        TestRepos repo = repository();
        repo.tag("v1", false);
        repo.commit(Map.of("tests/hello.fmf", "test: exit 1\n"), "break main");
        Path artifacts = temp.resolve("artifacts");
        CliRun run = CliRun.of("run", "--pool", "sim:2", "--ref", "v1", "--artifacts", artifacts.toString(),
                repo.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("PASS  /tests/hello");
        try (var mirrors = Files.list(artifacts.resolve(".git-cache/repos"))) {
            assertThat(mirrors.filter(p -> p.toString().endsWith(".git"))).hasSize(1);
        }
    }

    @Test
    void unknownRefsAndUnreachableRepositoriesExit64WithOneLine() {
        TestRepos repo = repository();
        CliRun unknown = CliRun.of("run", "--pool", "sim:1", "--ref", "nope", "--artifacts",
                temp.resolve("a").toString(), repo.url());
        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.err().strip()).isEqualTo("drover: error: the git repository " + repo.url()
                + " has no branch, tag or commit 'nope'");

        String nowhere = temp.resolve("nowhere").toUri().toString();
        CliRun unreachable = CliRun.of("run", "--pool", "sim:1", "--artifacts", temp.resolve("b").toString(), nowhere);
        assertThat(unreachable.exitCode()).isEqualTo(64);
        assertThat(unreachable.err().strip().lines()).singleElement().asString()
                .startsWith("drover: error: cannot fetch HEAD from the git repository " + nowhere + ": ");

        CliRun notARepository = CliRun.of("run", "--pool", "sim:1", "--ref", "main", "--artifacts",
                temp.resolve("c").toString(), temp.toString());
        assertThat(notARepository.exitCode()).isEqualTo(64);
        assertThat(notARepository.err().strip().lines()).singleElement().asString()
                .startsWith("drover: error: cannot fetch ref 'main' from the git repository " + temp + ": ");
    }
}
