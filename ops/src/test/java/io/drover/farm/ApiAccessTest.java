package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.ApiAccess;
import io.drover.coordinator.api.HttpRoutes;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.StoreReader;
import io.drover.coordinator.store.TestPostgres;
import io.drover.tree.GitCheckouts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token: a request without it is refused (401) and leaves no trace on Kafka nor in the result store. */
class ApiAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token-of-the-farm";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private HttpResponse<String> send(RunsApi api, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(JSON.readTree(response.body()).get("error").textValue()).isNotBlank();
    }

    private RunsApi start(FarmFixture farm, StoreDatabase db, List<String> cancels, boolean readsProtected) {
        List<HttpRoutes> routes = List.of(ApiAccess.withToken(TOKEN, readsProtected));
        return RunsApi.start("127.0.0.1", 0, farm.submitter, (run, plan, test, reason) -> cancels.add(run),
                new GitCheckouts(temp.resolve("git")), new StoreReader(db), farm.bootstrap, farm.topics,
                temp.resolve("results"), routes);
    }

    @Test
    void withoutTheTokenNothingIsSubmittedPublishedStoredOrCancelled() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/one", "test: echo one\n"));
        List<String> cancels = new CopyOnWriteArrayList<>();
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = start(farm, db, cancels, false)) {
            FarmClients.ensureTopics(farm.bootstrap, Map.of(), farm.topics, 2);
            try (EventStore store = EventStore.start(new EventStore.Config(farm.bootstrap, Map.of(), farm.topics,
                    temp.resolve("results"), farm.log::add), db)) {
                String run = "{\"tree\": \"" + tree + "\", \"suts\": " + JSON.writeValueAsString(farm.pool()) + "}";
                assertRefused(send(api, "POST", "/api/v1/runs", run, null));
                assertRefused(send(api, "POST", "/api/v1/runs", run, "not-" + TOKEN));
                assertRefused(send(api, "POST", "/api/v1/runs", run, TOKEN.substring(1)));
                assertRefused(send(api, "POST", "/api/v1/runs/r1/cancel", "{}", null));
                assertRefused(send(api, "POST", "/api/v1/runs/r1/cancel", "{}", "wrong"));
                assertThat(cancels).isEmpty();

                // credentials in a tree's URL would be recorded with the run: refused, and not repeated
                HttpResponse<String> withCredentials = send(api, "POST", "/api/v1/runs", "{\"tree\": "
                        + "\"https://user:SECRET@127.0.0.1:1/x.git\", \"suts\": " + JSON.writeValueAsString(farm.pool())
                        + "}", TOKEN);
                assertThat(withCredentials.statusCode()).isEqualTo(400);
                assertThat(withCredentials.body()).contains("carries credentials").doesNotContain("SECRET");

                // reads are open by default
                assertThat(send(api, "GET", "/api/v1/runs", null, null).statusCode()).isEqualTo(200);

                HttpResponse<String> created = send(api, "POST", "/api/v1/runs", run, TOKEN);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String id = JSON.readTree(created.body()).get("run").textValue();
                assertThat(store.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();

                // the one run in the store and on Kafka is the one sent with the token
                assertThat(TestPostgres.dump(db)).filteredOn(row -> row.startsWith("runs ")).singleElement()
                        .satisfies(row -> assertThat(row).contains(id));
                assertThat(runsCreated(farm)).containsExactly(id);

                HttpResponse<String> cancelled = send(api, "POST", "/api/v1/runs/" + id + "/cancel", "{}", TOKEN);
                assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
                assertThat(cancels).containsExactly(id);
            }
        }
    }

    @Test
    void protectedReadsNeedTheTokenAndTheRestOfTheServerStaysOpen() throws Exception {
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = start(farm, db, new ArrayList<>(), true)) {
            assertRefused(send(api, "GET", "/api/v1/runs", null, null));
            assertRefused(send(api, "GET", "/api/v1/runs/r1/events", null, "wrong"));
            assertRefused(send(api, "GET", "/api/v1/runs/r1/tests/t/output", null, null));
            HttpResponse<String> runs = send(api, "GET", "/api/v1/runs", null, TOKEN);
            assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
            assertThat(JSON.readTree(runs.body()).isArray()).isTrue();
            // outside /api/ the check does not apply: the API answers 404 there, not 401
            assertThat(send(api, "GET", "/health/live", null, null).statusCode()).isNotEqualTo(401);

            // the web page's cookie: for reads (EventSource sends no headers), never for changes
            assertThat(withCookie(api, "GET", "/api/v1/runs", TOKEN).statusCode()).isEqualTo(200);
            assertRefused(withCookie(api, "GET", "/api/v1/runs", "wrong"));
            assertRefused(withCookie(api, "POST", "/api/v1/runs/r1/cancel", TOKEN));
        }
    }

    private HttpResponse<String> withCookie(RunsApi api, String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Cookie", ApiAccess.COOKIE + "=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutBeingRead() throws Exception {
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = start(farm, db, new ArrayList<>(), false)) {
            String big = "{\"tree\": \"" + "x".repeat(RunsApi.MAX_BODY) + "\"}";
            HttpResponse<String> announced = send(api, "POST", "/api/v1/runs", big, TOKEN);
            assertThat(announced.statusCode()).as(announced.body()).isEqualTo(413);
            assertThat(JSON.readTree(announced.body()).get("error").textValue())
                    .isEqualTo("the body is larger than 1048576 bytes");

            // no length given: the body comes in chunks and is refused once past the limit
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.port() + "/api/v1/runs"))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);

            // a body within the limit is read as before
            HttpResponse<String> small = send(api, "POST", "/api/v1/runs", "{\"tree\": \"/nowhere\"}", TOKEN);
            assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
        }
    }

    /** The runs of every run.created on the farm's events topic. */
    private static List<String> runsCreated(FarmFixture farm) throws Exception {
        List<String> runs = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = FarmClients.consumer(farm.bootstrap, Map.of(), "test-reader",
                null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(farm.topics.events()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (event.path("type").asText().equals("run.created")) {
                        runs.add(event.get("run").textValue());
                    }
                }
            }
        }
        return runs;
    }
}
