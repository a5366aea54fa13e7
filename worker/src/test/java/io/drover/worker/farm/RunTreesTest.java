package io.drover.worker.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.job.Job;
import io.drover.tmt.DiscoveredTest;
import io.drover.tree.GitException;
import io.drover.tree.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's runs from git repositories: each commit fetched and checked out once, for every run of it. */
class RunTreesTest {
    private static final String PLAN = "/plans/smoke";

    @TempDir
    Path temp;

    private static Job job(String run, String url, String commit) {
        return new Job(Job.PREPARE, run, run + "/s1/1", "s1", "local", url, commit, Map.of(), PLAN, null, 0, 0, "now");
    }

    private TestRepos repository() {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        repo.commit(TestRepos.fmfTree(Map.of("/smoke", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/one", "test: echo one\n", "/two", "test: echo two\n")), "tests");
        return repo;
    }

    @Test
    void twoRunsOfOneCommitShareOneCheckoutFetchedOnce() throws Exception {
        TestRepos repo = repository();
        String commit = repo.commit(Map.of("tests/three.fmf", "test: echo three\n"), "more");
        RunTrees trees = new RunTrees(WorkerConfig.gitCache(temp.resolve("artifacts")));

        PlanRun first = trees.plan(job("run-a", repo.url(), commit));
        // the repository is gone: the second run can only use what the first one fetched
        Files.move(repo.dir(), temp.resolve("elsewhere"));
        PlanRun second = trees.plan(job("run-b", repo.url(), commit));

        Path checkout = temp.resolve("artifacts/.git-cache/trees/" + commit).toAbsolutePath();
        assertThat(first.treeRoot()).isEqualTo(checkout);
        assertThat(second.treeRoot()).isEqualTo(checkout);
        assertThat(second.tests()).extracting(DiscoveredTest::name)
                .containsExactly("/tests/one", "/tests/three", "/tests/two");
        assertThat(trees.localTree(job("run-b", repo.url(), commit))).isEqualTo(checkout.toString());
    }

    @Test
    void jobsOfOneRunArrivingTogetherLoadItOnce() throws Exception {
        TestRepos repo = repository();
        String commit = repo.commit(Map.of("README", "hi\n"), "readme");
        RunTrees trees = new RunTrees(WorkerConfig.gitCache(temp.resolve("artifacts")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PlanRun>> jobs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                jobs.add(() -> trees.plan(job("run-a", repo.url(), commit)));
            }
            Set<PlanRun> plans = new HashSet<>();
            for (Future<PlanRun> plan : pool.invokeAll(jobs)) {
                plans.add(plan.get());
            }
            assertThat(plans).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCommitThatCannotBeFetchedIsAOneLineError() {
        String nowhere = temp.resolve("nowhere").toUri().toString();
        String commit = "0123456789abcdef0123456789abcdef01234567";
        RunTrees trees = new RunTrees(WorkerConfig.gitCache(temp.resolve("artifacts")));
        assertThatThrownBy(() -> trees.plan(job("run-a", nowhere, commit))).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch commit " + commit + " from the git repository " + nowhere)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void pathsAreReadAsBefore() {
        TestRepos repo = repository();
        RunTrees trees = new RunTrees(WorkerConfig.gitCache(temp.resolve("artifacts")));
        Job job = job("run-a", repo.dir().toString(), null);
        assertThat(trees.plan(job).tests()).hasSize(2);
        assertThat(trees.localTree(job)).isEqualTo(repo.dir().toString());
        assertThat(temp.resolve("artifacts")).doesNotExist();
    }
}
