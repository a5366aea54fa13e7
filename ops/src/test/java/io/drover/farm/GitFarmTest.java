package io.drover.farm;

import static io.drover.farm.FarmFixture.only;
import static io.drover.farm.FarmFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.farm.RunIntake;
import io.drover.coordinator.farm.RunRequest;
import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.TestVerdict;
import io.drover.tree.GitCheckouts;
import io.drover.tree.TestRepos;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs from a git repository through the farm: a real broker, the coordinator, a worker and simulated SUTs. */
class GitFarmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "discover: {how: fmf}\nprepare: {how: shell, script: test -f tests/good.fmf}\n"
            + "execute: {how: tmt}\n";

    @TempDir
    Path temp;

    @Test
    void aRunPostedWithAUrlAndABranchRunsThatBranchsCommitOnTheWorkers() throws Exception {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        String stable = repo.commit(TestRepos.fmfTree(Map.of("/smoke", PLAN), Map.of(
                "/good", "test: test -f \"$TMT_TREE/tests/good.fmf\" && echo good\n",
                "/bad", "test: echo bad; exit 1\n")), "tests");
        repo.branch("stable");
        // the branch the run names stays; main moves on and must not be what runs
        repo.commit(Map.of("tests/good.fmf", "test: exit 1\n"), "break main");
        try (FarmFixture farm = new FarmFixture(2);
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel,
                     new GitCheckouts(temp.resolve("coordinator-cache")))) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            farm.startWorker("w1", 4, Duration.ofSeconds(2));
            HttpResponse<String> unknown = post(api, "/api/v1/runs",
                    "{\"tree\": \"" + repo.url() + "\", \"ref\": \"nope\", \"suts\": " + JSON.writeValueAsString(farm.pool()) + "}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(unknown.body()).get("error").textValue())
                    .isEqualTo("the git repository " + repo.url() + " has no branch, tag or commit 'nope'");

            HttpResponse<String> created = post(api, "/api/v1/runs",
                    "{\"tree\": \"" + repo.url() + "\", \"ref\": \"stable\", \"suts\": " + JSON.writeValueAsString(farm.pool()) + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(created.body());
            List<Event> events = farm.follow(answer.get("run").textValue(), answer.get("offset").longValue(), e -> { }).get(3, TimeUnit.MINUTES);

            assertThat(only(events, RunCreated.class)).singleElement().satisfies(c -> {
                assertThat(c.tree()).isEqualTo(repo.url());
                assertThat(c.ref()).isEqualTo(stable);
            });
            assertThat(only(events, TestVerdict.class)).extracting(TestVerdict::test, TestVerdict::status)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/tests/good", "pass"),
                            org.assertj.core.groups.Tuple.tuple("/tests/bad", "fail"));
            assertThat(only(events, RunFinished.class)).singleElement()
                    .satisfies(f -> assertThat(f.exitCode()).isEqualTo(1));
            try (var trees = Files.list(farm.dir.resolve("artifacts-w1/.git-cache/trees"))) {
                assertThat(trees.map(p -> p.getFileName().toString())).containsExactly(stable);
            }
            farm.passed();
        }
    }

    @Test
    void aCommitTheWorkerCannotFetchEndsItsJobsAsABadTree() throws Exception {
        TestRepos repo = TestRepos.init(temp.resolve("repo"));
        repo.commit(TestRepos.fmfTree(Map.of("/smoke", PLAN), Map.of("/good", "test: echo good\n")), "tests");
        try (FarmFixture farm = new FarmFixture(1)) {
            farm.dumpLogsOnFailure();
            RunIntake.SplitRun split = RunIntake.split(new RunRequest(repo.url(), null, List.of(), List.of(), false,
                    Map.of(), "sim:1", farm.pool(), new RunPolicy(0, 0, 1), List.of()), RunIntake.newRunId(),
                    new GitCheckouts(temp.resolve("coordinator-cache")));
            // the repository goes away after intake: the worker cannot fetch the commit
            Files.move(repo.dir(), temp.resolve("gone"));
            farm.startCoordinator();
            farm.startWorker("w1", 4, Duration.ofSeconds(2));
            FarmFixture.Submitted run = new FarmFixture.Submitted(split, farm.submitter.submit(split));
            List<Event> events = farm.follow(run, e -> { }).get(3, TimeUnit.MINUTES);

            assertThat(only(events, JobFinished.class)).filteredOn(j -> !"release".equals(j.kind())).isNotEmpty()
                    .allSatisfy(j -> {
                        assertThat(j.failureClass()).isEqualTo("sut-setup");
                        assertThat(j.reason()).startsWith("worker w1: cannot fetch commit " + split.created().ref()
                                + " from the git repository " + repo.url());
                    });
            assertThat(only(events, RunFinished.class)).singleElement()
                    .satisfies(f -> assertThat(f.exitCode()).isEqualTo(5));
            farm.passed();
        }
    }
}
