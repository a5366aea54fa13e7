package io.drover.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving refs and checking commits out from real repositories reached by file:// URLs. */
class GitCheckoutsTest {
    @TempDir
    Path temp;

    @Test
    void branchesTagsCommitIdsAndTheRemoteHeadResolveToCommits() {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        String first = repo.commit(Map.of("a.txt", "one\n"), "first");
        repo.tag("v1", true);
        repo.tag("light", false);
        repo.branch("stable");
        String second = repo.commit(Map.of("a.txt", "two\n"), "second");
        GitCheckouts cache = new GitCheckouts(temp.resolve("cache"));

        assertThat(cache.resolve(repo.url(), null)).isEqualTo(second);
        assertThat(cache.resolve(repo.url(), "HEAD")).isEqualTo(second);
        assertThat(cache.resolve(repo.url(), "main")).isEqualTo(second);
        assertThat(cache.resolve(repo.url(), "stable")).isEqualTo(first);
        assertThat(cache.resolve(repo.url(), "refs/heads/stable")).isEqualTo(first);
        assertThat(cache.resolve(repo.url(), "v1")).as("an annotated tag's commit").isEqualTo(first);
        assertThat(cache.resolve(repo.url(), "light")).isEqualTo(first);
        assertThat(cache.resolve(repo.url(), first)).isEqualTo(first);
        assertThat(cache.resolve(repo.url(), first.substring(0, 10))).isEqualTo(first);
        // a local repository's path is a URL too
        assertThat(cache.resolve(repo.dir().toString(), "stable")).isEqualTo(first);
    }

    @Test
    void aBranchThatMovesIsFetchedAgain() {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        repo.commit(Map.of("a.txt", "one\n"), "first");
        GitCheckouts cache = new GitCheckouts(temp.resolve("cache"));
        cache.resolve(repo.url(), "main");
        String second = repo.commit(Map.of("a.txt", "two\n"), "second");
        assertThat(cache.resolve(repo.url(), "main")).isEqualTo(second);
    }

    @Test
    void unknownRefsAndUnreachableUrlsAreOneLineErrorsNamingBoth() {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        repo.commit(Map.of("a.txt", "one\n"), "first");
        GitCheckouts cache = new GitCheckouts(temp.resolve("cache"));

        assertThatThrownBy(() -> cache.resolve(repo.url(), "no-such-branch")).isInstanceOf(GitException.class)
                .hasMessage("the git repository " + repo.url() + " has no branch, tag or commit 'no-such-branch'");
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> cache.resolve(repo.url(), missing)).isInstanceOf(GitException.class)
                .hasMessage("the git repository " + repo.url() + " has no branch, tag or commit '" + missing + "'");
        String nowhere = temp.resolve("nowhere").toUri().toString();
        assertThatThrownBy(() -> cache.resolve(nowhere, "main")).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch ref 'main' from the git repository " + nowhere + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> cache.checkout(nowhere, missing)).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch commit " + missing + " from the git repository " + nowhere)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> cache.checkout(repo.url(), missing)).isInstanceOf(GitException.class)
                .hasMessage("cannot fetch commit " + missing + " from " + repo.url()
                        + ": no branch or tag of it holds that commit");
        assertThatThrownBy(() -> cache.checkout(repo.url(), "main")).isInstanceOf(GitException.class)
                .hasMessage("'main' is not a full commit id (of " + repo.url() + ")");
    }

    @Test
    void aCommitIsCheckedOutOnceWithoutGitMetadataAndWithItsModes() throws Exception {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("run.sh", "#!/bin/sh\necho hi\n");
        files.put("dir/data.txt", "data\n");
        repo.commit(files, "first");
        Files.setPosixFilePermissions(repo.dir().resolve("run.sh"), Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        Files.createSymbolicLink(repo.dir().resolve("link"), Path.of("dir/data.txt"));
        String commit = repo.commit(Map.of(), "modes");
        GitCheckouts cache = new GitCheckouts(temp.resolve("cache"));

        Path tree = cache.checkout(repo.url(), commit);
        assertThat(tree).isEqualTo(temp.resolve("cache/trees/" + commit).toAbsolutePath());
        assertThat(Files.readString(tree.resolve("dir/data.txt"))).isEqualTo("data\n");
        assertThat(Files.isExecutable(tree.resolve("run.sh"))).isTrue();
        assertThat(Files.isExecutable(tree.resolve("dir/data.txt"))).isFalse();
        assertThat(Files.readSymbolicLink(tree.resolve("link"))).isEqualTo(Path.of("dir/data.txt"));
        assertThat(tree.resolve(".git")).doesNotExist();

        // the second time needs no repository at all
        Path moved = Files.move(repo.dir(), temp.resolve("moved"));
        assertThat(cache.checkout(repo.url(), commit)).isEqualTo(tree);
        assertThat(new GitCheckouts(temp.resolve("cache")).checkout(repo.url(), commit)).isEqualTo(tree);
        assertThat(moved).exists();
    }

    @Test
    void aCommitOnlyAnotherRefHoldsIsFetchedByThatRefOrItsId() throws Exception {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        repo.commit(Map.of("a.txt", "one\n"), "first");
        repo.branch("topic");
        repo.switchTo("topic");
        String proposed = repo.commit(Map.of("a.txt", "topic\n"), "on topic");
        repo.switchTo("main");
        // as a forge keeps a pull request: a ref that is neither a branch nor a tag
        try (var git = org.eclipse.jgit.api.Git.open(repo.dir().toFile())) {
            var update = git.getRepository().updateRef("refs/pull/1/head");
            update.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(proposed));
            update.update();
            git.branchDelete().setBranchNames("topic").setForce(true).call();
        }
        GitCheckouts cache = new GitCheckouts(temp.resolve("cache"));
        assertThat(cache.resolve(repo.url(), "refs/pull/1/head")).isEqualTo(proposed);
        // a worker's cache knows only the commit's id
        GitCheckouts worker = new GitCheckouts(temp.resolve("worker"));
        assertThat(worker.checkout(repo.url(), proposed).resolve("a.txt")).hasContent("topic");
    }

    @Test
    void concurrentCheckoutsOfOneCommitShareOneDirectory() throws Exception {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        String commit = repo.commit(Map.of("a.txt", "one\n"), "first");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Path>> work = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // two caches on one directory, as two processes would use it
                GitCheckouts cache = new GitCheckouts(temp.resolve("cache"));
                String url = i % 2 == 0 ? repo.url() : repo.dir().toString();
                work.add(() -> cache.checkout(url, commit));
            }
            Set<Path> trees = new HashSet<>();
            for (Future<Path> done : pool.invokeAll(work)) {
                trees.add(done.get());
            }
            assertThat(trees).hasSize(1);
            try (var left = Files.list(temp.resolve("cache/trees"))) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(commit);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
