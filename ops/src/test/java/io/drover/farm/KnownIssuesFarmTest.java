package io.drover.farm;

import static io.drover.farm.FarmFixture.only;
import static io.drover.farm.FarmFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.RunCreated;
import io.drover.event.RunPolicy;
import io.drover.event.TestVerdict;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-issue rules in a farm whose worker runs in a process of its own: the output a rule looks for is only on the
 * worker, which finds the patterns the job names; the coordinator marks the verdict from what it found.
 */
class KnownIssuesFarmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "discover: {how: fmf}\nexecute: {how: tmt}\n";

    @TempDir
    Path temp;

    @Test
    void outputRulesOfTheRunAndOfTheFarmMatchOnTheWorkersOutput() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", PLAN), Map.of(
                "/refused", "test: |\n    echo 'connect: Connection refused'; exit 1\n",
                "/disk", "test: |\n    seq 1 20000; echo 'FATAL: disk full' >&2; exit 2\n",
                "/plain", "test: echo 'something else'; exit 1\n",
                "/good", "test: echo 'Connection refused, but it passes'\n"));
        KnownIssueRules farmRules = KnownIssueRules.parse("""
                - test: /tests/disk
                  output: '^FATAL: disk'
                  issue: FARM-2
                """, "farm.yaml");
        try (FarmFixture farm = new FarmFixture(2);
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel)) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator(farmRules);
            farm.startWorkerProcess("w1", 4);
            String rules = """
                    [{"test": "/tests/(refused|good)", "output": "Connection refused$", "issue": "BUG-1"},
                     {"test": "/tests/plain", "output": "never printed", "issue": "BUG-3"}]""";
            HttpResponse<String> created = post(api, "/api/v1/runs", "{\"tree\": \"" + tree + "\", \"suts\": "
                    + JSON.writeValueAsString(farm.pool()) + ", \"knownIssues\": " + rules
                    + ", \"policy\": {\"testRetries\": 0}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(created.body());
            List<Event> events = farm.follow(answer.get("run").textValue(), answer.get("offset").longValue(), e -> { }).get(120, TimeUnit.SECONDS);

            // a policy's missing keys take their defaults
            assertThat(only(events, RunCreated.class)).singleElement()
                    .satisfies(c -> assertThat(c.policy()).isEqualTo(new RunPolicy(2, 0, 2)));
            assertThat(only(events, RunCreated.class)).singleElement().satisfies(c -> assertThat(c.knownIssues())
                    .extracting(r -> r.source() + " " + r.issue())
                    .containsExactly("knownIssues[0]:1 BUG-1", "knownIssues[1]:1 BUG-3"));
            assertThat(only(events, TestVerdict.class))
                    .extracting(TestVerdict::test, TestVerdict::status, TestVerdict::knownIssue)
                    .containsExactlyInAnyOrder(tuple("/tests/refused", "fail", "BUG-1"),
                            tuple("/tests/disk", "error", "FARM-2"), tuple("/tests/plain", "fail", null),
                            tuple("/tests/good", "pass", null));
            assertThat(only(events, JobFinished.class)).filteredOn(end -> end.test() != null)
                    .extracting(JobFinished::test, JobFinished::outputMatches)
                    .containsExactlyInAnyOrder(tuple("/tests/refused", List.of("Connection refused$")),
                            tuple("/tests/disk", List.of("^FATAL: disk")), tuple("/tests/plain", List.of()),
                            tuple("/tests/good", List.of()));
            farm.passed();
        }
    }

    @Test
    void aBadRuleIsRefusedWithOneLine() throws Exception {
        try (FarmFixture farm = new FarmFixture(1);
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel)) {
            HttpResponse<String> bad = post(api, "/api/v1/runs", "{\"tree\": \"" + temp + "\", \"suts\": "
                    + JSON.writeValueAsString(farm.pool())
                    + ", \"knownIssues\": [{\"test\": \"/a(\", \"issue\": \"I\"}]}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").textValue())
                    .startsWith("bad run: knownIssues[0]:1: test: bad regexp '/a('").doesNotContain("\n");
        }
    }
}
