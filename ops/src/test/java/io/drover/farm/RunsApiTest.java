package io.drover.farm;

import static io.drover.farm.FarmFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.RunsApi;
import io.drover.event.Event;
import io.drover.event.RunCreated;
import io.drover.event.TestPending;
import io.drover.event.TestVerdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/runs} and its cancel, against a real broker, coordinator and worker. */
class RunsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void aPostedRunIsRecordedScheduledAndCancellable() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/quick", "test: echo quick\n", "/slow", "test: sleep 300\n"));
        try (FarmFixture farm = new FarmFixture(1);
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel)) {
            farm.startCoordinator();
            farm.startWorker("w1", 4, Duration.ofSeconds(2));
            String suts = JSON.writeValueAsString(farm.pool());
            HttpResponse<String> created = post(api, "/api/v1/runs",
                    "{\"tree\": \"" + tree + "\", \"suts\": " + suts + ", \"policy\": {\"infraRetries\": 0, "
                            + "\"testRetries\": 0, \"sutStrikes\": 1}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(created.body());
            assertThat(answer.get("tests").intValue()).isEqualTo(2);
            String run = answer.get("run").textValue();

            var events = farm.follow(run, answer.get("offset").longValue(),
                    e -> { });
            // the quick test passes; the slow one waits to be cancelled
            Thread.sleep(3000);
            HttpResponse<String> cancelled = post(api, "/api/v1/runs/" + run + "/cancel", "{\"reason\": \"from the API\"}");
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
            List<Event> all = events.get(60, TimeUnit.SECONDS);

            assertThat(FarmFixture.only(all, RunCreated.class)).singleElement()
                    .satisfies(c -> assertThat(c.tree()).isEqualTo(tree.toString()));
            assertThat(FarmFixture.only(all, TestPending.class)).hasSize(2);
            assertThat(FarmFixture.only(all, TestVerdict.class)).extracting(TestVerdict::test, TestVerdict::failureClass)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/tests/quick", null),
                            org.assertj.core.groups.Tuple.tuple("/tests/slow", "cancelled"));
        }
    }

    @Test
    void mistakesGetOneLineErrors() throws Exception {
        try (FarmFixture farm = new FarmFixture(1);
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel)) {
            HttpResponse<String> notJson = post(api, "/api/v1/runs", "{tree");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(notJson.body()).get("error").textValue()).startsWith("bad run: ");

            HttpResponse<String> noSuts = post(api, "/api/v1/runs", "{\"tree\": \"/nowhere\"}");
            assertThat(noSuts.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(noSuts.body()).get("error").textValue())
                    .isEqualTo("bad run: 'tree' and at least one of 'suts' are required");

            HttpResponse<String> badAddress = post(api, "/api/v1/runs",
                    "{\"tree\": \"/nowhere\", \"suts\": [{\"id\": \"a\", \"address\": \"ftp://x\"}]}");
            assertThat(badAddress.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badAddress.body()).get("error").textValue()).startsWith("bad run: SUT a: bad SUT address");

            String sut = ", \"suts\": [{\"id\": \"a\", \"address\": \"local\"}]";
            HttpResponse<String> noStrikes = post(api, "/api/v1/runs", "{\"tree\": \"/nowhere\"" + sut
                    + ", \"policy\": {\"testRetries\": 1, \"sutStrikes\": 0}}");
            assertThat(noStrikes.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(noStrikes.body()).get("error").textValue())
                    .isEqualTo("bad run: policy.sutStrikes: expected a whole number, 1 or more");
            HttpResponse<String> unknownKey = post(api, "/api/v1/runs", "{\"tree\": \"/nowhere\"" + sut
                    + ", \"policy\": {\"retries\": 1}}");
            assertThat(JSON.readTree(unknownKey.body()).get("error").textValue())
                    .startsWith("bad run: policy.retries: unknown key");

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/api/v1/runs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(405);
            assertThat(post(api, "/api/v2/x", "{}").statusCode()).isEqualTo(404);
        }
    }
}
