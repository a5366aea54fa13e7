package io.drover.farm;

import static io.drover.farm.FarmFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.StoreReader;
import io.drover.coordinator.store.TestPostgres;
import io.drover.tree.GitCheckouts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's GETs: runs from the result store, and a run's events live as Server-Sent Events that resume. */
class RunsReadApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private HttpResponse<String> get(RunsApi api, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The SSE messages of a stream until it ends, each as (id, event, data). */
    private List<String[]> events(RunsApi api, String run, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + "/api/v1/runs/" + run + "/events")).timeout(Duration.ofSeconds(120)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<String[]> messages = new ArrayList<>();
        String[] message = new String[3];
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                messages.add(message);
                message = new String[3];
            } else if (line.startsWith("id: ")) {
                message[0] = line.substring(4);
            } else if (line.startsWith("event: ")) {
                message[1] = line.substring(7);
            } else if (line.startsWith("data: ")) {
                message[2] = line.substring(6);
            }
        }
        return messages;
    }

    @Test
    void runsAreListedAndARunsEventsStreamLiveAndResume() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/one", "test: sleep 1; echo one\n", "/two words", "test: echo two\n"));
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel,
                     new GitCheckouts(temp.resolve("git")), new StoreReader(db), farm.bootstrap, farm.topics,
                     temp.resolve("results"))) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            farm.startWorker("w1", 2, Duration.ofSeconds(2));
            try (EventStore store = EventStore.start(new EventStore.Config(farm.bootstrap, Map.of(), farm.topics,
                    temp.resolve("results"), farm.log::add), db)) {
                HttpResponse<String> created = post(api, "/api/v1/runs", "{\"tree\": \"" + tree + "\", \"suts\": "
                        + JSON.writeValueAsString(farm.pool()) + "}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String run = JSON.readTree(created.body()).get("run").textValue();

                List<String[]> live = events(api, run, null);
                assertThat(live.get(0)[1]).isEqualTo("run.created");
                assertThat(live.get(live.size() - 1)[1]).isEqualTo("run.finished");
                assertThat(live).extracting(m -> m[1]).contains("test.pending", "test.started", "test.verdict");
                assertThat(live).allSatisfy(m -> assertThat(JSON.readTree(m[2]).get("run").textValue())
                        .isEqualTo(run));
                assertThat(live).extracting(m -> Long.parseLong(m[0])).isSorted();

                List<String[]> resumed = events(api, run, live.get(2)[0]);
                assertThat(resumed).extracting(m -> m[0]).isEqualTo(live.subList(3, live.size()).stream()
                        .map(m -> m[0]).toList());

                assertThat(store.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
                HttpResponse<String> answer = get(api, "/api/v1/runs/" + run);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode one = JSON.readTree(answer.body());
                assertThat(one.get("tests").intValue()).isEqualTo(2);
                assertThat(one.get("passed").intValue()).isEqualTo(2);
                assertThat(one.get("exitCode").intValue()).isZero();
                JsonNode all = JSON.readTree(get(api, "/api/v1/runs?limit=5").body());
                assertThat(all.get(0).get("run").textValue()).isEqualTo(run);
                assertThat(get(api, "/api/v1/runs/no-such-run").statusCode()).isEqualTo(404);

                HttpResponse<String> tests = get(api, "/api/v1/runs/" + run + "/tests");
                assertThat(tests.statusCode()).as(tests.body()).isEqualTo(200);
                JsonNode stored = JSON.readTree(tests.body());
                assertThat(stored).hasSize(2);
                assertThat(stored).extracting(t -> t.get("test").textValue() + " " + t.get("status").textValue()
                        + " " + t.get("attempt").intValue()).containsExactlyInAnyOrder("/tests/one pass 1",
                        "/tests/two words pass 1");
                assertThat(stored.get(0).get("plan").textValue()).isEqualTo("/plans/a");
                assertThat(get(api, "/api/v1/runs/no-such-run/tests").statusCode()).isEqualTo(404);

                HttpResponse<String> output = get(api, "/api/v1/runs/" + run + "/tests/tests/one/output");
                assertThat(output.statusCode()).as(output.body()).isEqualTo(200);
                assertThat(output.body()).isEqualTo("one\n");
                HttpResponse<String> spaced = get(api, "/api/v1/runs/" + run + "/tests/tests/two%20words/output");
                assertThat(spaced.statusCode()).as(spaced.body()).isEqualTo(200);
                assertThat(spaced.body()).isEqualTo("two\n");
                assertThat(get(api, "/api/v1/runs/" + run + "/tests/tests/one/output?plan=/plans/b").statusCode())
                        .isEqualTo(404);
                assertThat(get(api, "/api/v1/runs/" + run + "/tests/tests/one/output?attempt=x").statusCode())
                        .isEqualTo(400);
                assertThat(get(api, "/api/v1/runs?limit=x").statusCode()).isEqualTo(400);
            }
            farm.passed();
        }
    }

    @Test
    void eventStreamsBeyondTheLimitAreAnswered503UntilOneCloses() throws Exception {
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel,
                     new GitCheckouts(temp.resolve("git")), new StoreReader(db), farm.bootstrap, Map.of(), farm.topics,
                     temp.resolve("results"), 1, List.of())) {
            farm.dumpLogsOnFailure();
            FarmClients.ensureTopics(farm.bootstrap, Map.of(), farm.topics, 2);
            try (Socket first = openStream(api)) {
                HttpResponse<String> refused = get(api, "/api/v1/runs/r-other/events");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("5");
                assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("too many event streams");
            }
            // the closed stream's slot comes back once its thread has stopped following
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean reopened = false;
            while (!reopened && System.nanoTime() < deadline) {
                try (Socket again = new Socket("127.0.0.1", api.port())) {
                    reopened = statusLine(again, "r-again/events?after=0").contains(" 200 ");
                }
                if (!reopened) {
                    Thread.sleep(200);
                }
            }
            assertThat(reopened).as("a stream is accepted again after the first one closed").isTrue();
        }
    }

    @Test
    void aStreamOfARunThatDoesNotExistEndsWithAnError() throws Exception {
        try (FarmFixture farm = new FarmFixture(1);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel,
                     new GitCheckouts(temp.resolve("git")), new StoreReader(db), farm.bootstrap, farm.topics,
                     temp.resolve("results"))) {
            FarmClients.ensureTopics(farm.bootstrap, Map.of(), farm.topics, 2);
            List<String[]> messages = events(api, "r-none", null);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0)[1]).isEqualTo("error");
            assertThat(JSON.readTree(messages.get(0)[2]).path("error").asText())
                    .isEqualTo("no run r-none on Kafka or in the result store");
        }
    }

    /** A stream that stays open until the socket is closed: resumed after an event, of a run that has no more. */
    private static Socket openStream(RunsApi api) throws Exception {
        Socket socket = new Socket("127.0.0.1", api.port());
        assertThat(statusLine(socket, "r-open/events?after=0")).contains(" 200 ");
        return socket;
    }

    private static String statusLine(Socket socket, String runAndPath) throws Exception {
        socket.getOutputStream().write(("GET /api/v1/runs/" + runAndPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(30_000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
