package io.drover.cli;

import io.drover.coordinator.api.HttpRoutes;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.farm.Coordinator;
import io.drover.coordinator.health.DatabaseCheck;
import io.drover.coordinator.health.HealthRoutes;
import io.drover.coordinator.health.KafkaCheck;
import io.drover.coordinator.health.Readiness;
import io.drover.coordinator.metrics.ConsumerLag;
import io.drover.coordinator.metrics.MetricsRoutes;
import io.drover.coordinator.metrics.PrometheusMeters;
import io.drover.coordinator.metrics.StoreMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.drover.coordinator.policy.KnownIssueRules;
import java.nio.file.Path;
import java.time.LocalDate;
import io.drover.coordinator.farm.CoordinatorConfig;
import io.drover.coordinator.farm.FarmException;
import io.drover.coordinator.store.StoreException;
import io.drover.coordinator.store.StoreReader;
import io.drover.tree.GitCheckouts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover coordinator}: follow the farm's runs and publish their jobs until stopped. */
@Command(name = "coordinator", description = {"Run the coordinator of a farm: it schedules every run submitted on Kafka "
        + "(by 'drover run --kafka') and publishes its jobs for the workers.",
        "Creates the farm's topics when they are missing. A restarted coordinator replays the runs' events and goes on.",
        "It also runs a result store (see 'drover store').",
        "Exit codes: 0 stopped by a signal, 74 Kafka or the database unreachable, or the coordinator failed."})
final class CoordinatorCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka's bootstrap servers.")
    String kafka;
    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of drover.jobs, drover.events and drover.output "
            + "when they are created: at most this many workers share the SUTs (default: 12).")
    int partitions = CoordinatorConfig.DEFAULT_PARTITIONS;
    @Option(names = "--http", paramLabel = "[HOST:]PORT", description = "Also answer the HTTP API (POST /api/v1/runs, "
            + "POST /api/v1/runs/ID/cancel, GET /api/v1/runs[/ID[/events]]) there (HOST default 127.0.0.1), "
            + "with GET /metrics (docs/metrics.md), /health/live and /health/ready.")
    String http;
    @Option(names = "--known-issues", paramLabel = "FILE", description = "Known-issue rules (docs/pools.md) for every run, "
            + "tried after the run's own.")
    Path knownIssues;
    @Option(names = "--max-event-streams", paramLabel = "N", description = "GET /api/v1/runs/ID/events streams open at "
            + "once, each a thread and a Kafka consumer; more are answered 503 (default: 200).")
    int maxEventStreams = RunsApi.DEFAULT_MAX_EVENT_STREAMS;
    @Mixin
    KafkaConfigFlag kafkaConfig;
    @Mixin
    StoreOptions store;
    @Mixin
    NamespaceFlag namespace;
    @Mixin
    ApiTokenFlags apiToken;
    private io.drover.coordinator.api.ApiAccess access;
    @Spec
    CommandSpec spec;
    /** What /metrics serves, and /health/ready's check of Kafka (open while the API is). */
    private PrometheusMeterRegistry meters;
    private KafkaCheck kafkaCheck;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        meters = PrometheusMeters.create();
        if (partitions < 1) {
            throw new ExitCodes.UsageException("--partitions must be 1 or more, not " + partitions);
        }
        if (maxEventStreams < 1) {
            throw new ExitCodes.UsageException("--max-event-streams must be 1 or more, not " + maxEventStreams);
        }
        HttpAddress address = http == null ? null : HttpAddress.parse(http);
        Map<String, Object> kafkaProperties = kafkaConfig.properties();
        access = http == null ? null : apiToken.access(System.getenv(), err);
        KnownIssueRules rules = knownIssues == null ? KnownIssueRules.NONE : KnownIssueRules.read(knownIssues);
        rules.expiredWarnings(LocalDate.now()).forEach(line -> err.println("drover: warning: " + line));
        CoordinatorConfig config = CoordinatorConfig.of(kafka).withTopics(namespace.topics()).withPartitions(partitions)
                .withKnownIssues(rules).withKafka(kafkaProperties).withLog(line -> {
            err.println(line);
            err.flush();
        });
        CountDownLatch stop = new CountDownLatch(1);
        try (Interrupts interrupts = Interrupts.on("stopping the coordinator", reason -> stop.countDown(), err);
             Coordinator coordinator = Coordinator.start(config, meters)) {
            ConsumerLag.register(meters, "coordinator", List.of(coordinator::consumerMetrics));
            if (!coordinator.awaitLive(Duration.ofMinutes(10))) {
                err.println("drover: error: the coordinator did not catch up with " + kafka + " within 10 minutes");
                return ExitCodes.IO_ERROR;
            }
            // the store subscribes once the coordinator has made the topics, which it would otherwise make itself
            try (StoreOptions.Running running = store.start(kafka, kafkaProperties, namespace.topics(), err);
                 KafkaCheck health = kafkaCheck = http == null ? null : new KafkaCheck(kafka, kafkaProperties);
                 RunsApi api = address == null ? null : startApi(address, coordinator, running, kafkaProperties)) {
                StoreMeters.register(meters, running.stores());
                err.println("drover: coordinator on " + kafka + " is live; results in "
                        + running.opened().database().where());
                if (api != null) {
                    err.println("drover: HTTP API on port " + api.port());
                }
                err.flush();
                while (!stop.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (coordinator.failed() != null) {
                        err.println("drover: error: " + coordinator.failed().getMessage());
                        return ExitCodes.IO_ERROR;
                    }
                }
            }
            return ExitCodes.OK;
        } catch (FarmException | StoreException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
    }

    /** What the HTTP server answers besides the API, tried in this order before it. */
    private List<HttpRoutes> routes(Coordinator coordinator, StoreOptions.Running running) {
        List<HttpRoutes> routes = new ArrayList<>();
        if (access != null) {
            routes.add(access); // first: a request without the token goes no further
        }
        routes.add(new MetricsRoutes(meters));
        routes.add(new HealthRoutes(new Readiness(List.of(kafkaCheck, new DatabaseCheck(running.opened().database())),
                Duration.ofSeconds(2), Duration.ofSeconds(1))));
        routes.add(io.drover.coordinator.web.WebPage.routes(running.opened().database(), store.resultsDir()));
        return routes;
    }

    private RunsApi startApi(HttpAddress address, Coordinator coordinator, StoreOptions.Running running,
                             Map<String, Object> kafkaProperties) {
        try {
            return RunsApi.start(address.host(), address.port(), coordinator.submitter(), coordinator::cancel, GitCheckouts.inUserCache(),
                    new StoreReader(running.opened().database()), kafka, kafkaProperties, namespace.topics(),
                    store.resultsDir(), maxEventStreams, routes(coordinator, running));
        } catch (IllegalStateException e) {
            throw new FarmException(e.getMessage(), e);
        }
    }
}
