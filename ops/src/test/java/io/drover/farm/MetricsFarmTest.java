package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.store.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of {@code drover coordinator --http} and {@code drover worker --http}, each in a process of its own
 * on the JVM's broker and PostgreSQL, scraped during and after a run on simulated SUTs (SSH servers).
 */
class MetricsFarmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TESTS = 5;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void theSeriesMoveDuringARun() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/one", "test: sleep 0.5\n", "/two", "test: sleep 0.5\n", "/three", "test: sleep 0.5\n",
                        "/four", "test: sleep 0.5\n", "/broken", "test: sleep 0.5; exit 1\n"));
        try (FarmFixture farm = new FarmFixture(2)) {
            farm.dumpLogsOnFailure();
            int coordinatorPort = freePort();
            int workerPort = freePort();
            start(farm, "coordinator", "coordinator", "--kafka", farm.bootstrap, "--namespace", farm.topics.namespace(),
                    "--partitions", "2", "--threads", "1", "--http", "127.0.0.1:" + coordinatorPort,
                    "--db", TestPostgres.newDatabase(), "--results", farm.dir.resolve("results").toString());
            start(farm, "worker", "worker", "--kafka", farm.bootstrap, "--namespace", farm.topics.namespace(),
                    "--id", "w1", "--capacity", "4", "--http", "127.0.0.1:" + workerPort,
                    "--artifacts", farm.dir.resolve("artifacts").toString(),
                    "--identity", farm.sims.identityFile().toString(),
                    "--known-hosts", farm.sims.knownHostsFile().toString());
            awaitReady(coordinatorPort);
            awaitReady(workerPort);
            Scrape before = scrape(coordinatorPort);
            assertThat(before.sum("drover_tests_finished_total")).isZero();
            assertThat(before.names()).contains("drover_tests_queued", "drover_tests_running", "drover_suts",
                    "drover_dispatch_latency_seconds_count", "drover_events_stored_total",
                    "drover_kafka_consumer_lag_records");

            HttpResponse<String> created = send(HttpRequest.newBuilder(uri(coordinatorPort, "/api/v1/runs"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"tree\": \"" + tree + "\", \"suts\": "
                            + JSON.writeValueAsString(farm.pool()) + ", \"policy\": {\"infraRetries\": 0, "
                            + "\"testRetries\": 0, \"sutStrikes\": 1}}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            // scraped until every test has its verdict: what was waiting or running, and SUTs busy, on the way
            double mostInFlight = 0;
            double mostBusy = 0;
            Scrape during = before;
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (during.sum("drover_tests_finished_total") < TESTS && System.nanoTime() < end) {
                Thread.sleep(100);
                during = scrape(coordinatorPort);
                mostInFlight = Math.max(mostInFlight, during.sum("drover_tests_queued") + during.sum("drover_tests_running"));
                mostBusy = Math.max(mostBusy, during.sum("drover_suts{state=\"busy\"}"));
            }
            assertThat(during.sum("drover_tests_finished_total")).isEqualTo(TESTS);
            assertThat(during.sum("drover_tests_finished_total{status=\"pass\"}")).isEqualTo(TESTS - 1);
            assertThat(during.sum("drover_tests_finished_total{status=\"fail\"}")).isEqualTo(1);
            assertThat(mostInFlight).isPositive();
            assertThat(mostBusy).isPositive();

            Scrape after = awaitScrape(coordinatorPort, s -> s.sum("drover_events_stored_total") > 0
                    && s.sum("drover_test_duration_seconds_count") == TESTS && s.sum("drover_suts{state=\"busy\"}") == 0);
            assertThat(after.sum("drover_test_duration_seconds_count")).isEqualTo(TESTS);
            assertThat(after.sum("drover_test_duration_seconds_sum")).isGreaterThanOrEqualTo(TESTS * 0.5);
            assertThat(after.sum("drover_test_duration_seconds_bucket{status=\"pass\",le=\"5.0\"}")).isEqualTo(TESTS - 1);
            assertThat(after.sum("drover_dispatch_latency_seconds_count")).isEqualTo(TESTS);
            assertThat(after.sum("drover_tests_queued") + after.sum("drover_tests_running")).isZero();
            assertThat(after.sum("drover_events_stored_total")).isPositive();
            assertThat(after.names()).contains("drover_kafka_consumer_lag_records{consumer=\"coordinator\"}",
                    "drover_kafka_consumer_lag_records{consumer=\"store\"}", "jvm_memory_used_bytes");

            Scrape worker = awaitScrape(workerPort, s -> s.sum("drover_worker_test_duration_seconds_count") == TESTS);
            assertThat(worker.sum("drover_ssh_connects_total")).isEqualTo(2);
            assertThat(worker.sum("drover_ssh_connect_failures_total")).isZero();
            assertThat(worker.sum("drover_worker_jobs_finished_total{kind=\"test\",status=\"pass\"}")).isEqualTo(TESTS - 1);
            assertThat(worker.sum("drover_worker_jobs_finished_total{kind=\"test\",status=\"fail\"}")).isEqualTo(1);
            assertThat(worker.names()).contains("drover_worker_jobs_running",
                    "drover_kafka_consumer_lag_records{consumer=\"worker\"}");
            farm.passed();
        }
    }

    /** The series of one scrape, by name with labels, as Prometheus's text format has them. */
    private record Scrape(Map<String, Double> series) {
        static Scrape parse(String text) {
            Map<String, Double> series = new java.util.LinkedHashMap<>();
            text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            });
            return new Scrape(series);
        }

        List<String> names() {
            List<String> names = new ArrayList<>(series.keySet());
            series.keySet().forEach(name -> names.add(name.replaceFirst("\\{.*", "")));
            return names;
        }

        /** The sum of the series named so, or whose labels begin with the given ones ({@code name{a="b"}}). */
        double sum(String selector) {
            String open = selector.endsWith("}") ? selector.substring(0, selector.length() - 1) : selector + "{";
            return series.entrySet().stream().filter(e -> e.getKey().equals(selector) || e.getKey().startsWith(open))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    private Scrape awaitScrape(int port, java.util.function.Predicate<Scrape> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Scrape scrape = scrape(port);
        while (!done.test(scrape) && System.nanoTime() < end) {
            Thread.sleep(200);
            scrape = scrape(port);
        }
        return scrape;
    }

    private Scrape scrape(int port) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(port, "/metrics")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return Scrape.parse(response.body());
    }

    private void awaitReady(int port) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                HttpResponse<String> ready = send(HttpRequest.newBuilder(uri(port, "/health/ready")).GET());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("port " + port + " is not ready after 90 s");
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void start(FarmFixture farm, String log, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "io.drover.cli.Drover"));
        command.addAll(List.of(args));
        farm.processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(farm.dir.resolve(log + ".log").toFile()).start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
