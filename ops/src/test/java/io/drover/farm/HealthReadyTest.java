package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.health.DatabaseCheck;
import io.drover.coordinator.health.HealthRoutes;
import io.drover.coordinator.health.KafkaCheck;
import io.drover.coordinator.health.Readiness;
import io.drover.coordinator.metrics.MetricsServer;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.TestPostgres;
import io.drover.embedded.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health/ready} follows a Kafka broker of the test's own as it stops and comes back; PostgreSQL is real too. */
class HealthReadyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void readyTurnsUnreadyWhileKafkaIsStoppedAndReadyWhenItReturns() throws Exception {
        Path data = temp.resolve("kafka");
        EmbeddedKafka kafka = EmbeddedKafka.start(data, 0);
        int port = kafka.port();
        try (StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             KafkaCheck kafkaCheck = new KafkaCheck(kafka.bootstrapServers(), Map.of());
             MetricsServer server = MetricsServer.start("127.0.0.1", 0, List.of(new HealthRoutes(new Readiness(
                     List.of(kafkaCheck, new DatabaseCheck(db)), Duration.ofSeconds(1), Duration.ofSeconds(1)))))) {
            HttpResponse<String> live = get(server, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(server, "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).get("checks").toString())
                    .isEqualTo("{\"kafka\":\"ok\",\"postgresql\":\"ok\"}");

            kafka.close();
            HttpResponse<String> unready = awaitStatus(server, 503);
            JsonNode failing = JSON.readTree(unready.body()).get("failing");
            assertThat(failing.has("kafka")).as(unready.body()).isTrue();
            assertThat(failing.has("postgresql")).as(unready.body()).isFalse();
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);

            kafka = EmbeddedKafka.start(data, port);
            HttpResponse<String> back = awaitStatus(server, 200);
            assertThat(JSON.readTree(back.body()).get("status").textValue()).isEqualTo("ready");
            assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
        } finally {
            kafka.close();
        }
    }

    /** Asks until the answer has {@code status}: answers are cached for a second, and Kafka takes some to notice. */
    private HttpResponse<String> awaitStatus(MetricsServer server, int status) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = get(server, "/health/ready");
            if (response.statusCode() == status || System.nanoTime() > end) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
                return response;
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
