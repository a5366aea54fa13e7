package io.drover.cli;

import io.drover.coordinator.health.HealthRoutes;
import io.drover.coordinator.health.KafkaCheck;
import io.drover.coordinator.health.Readiness;
import io.drover.coordinator.metrics.ConsumerLag;
import io.drover.coordinator.metrics.MetricsRoutes;
import io.drover.coordinator.metrics.MetricsServer;
import io.drover.coordinator.metrics.PrometheusMeters;
import io.drover.worker.farm.FarmWorker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import io.drover.worker.farm.WorkerConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover worker}: take jobs from the farm and run them on the SUTs, until stopped. */
@Command(name = "worker", description = {"Run a worker of a farm: it joins the workers' consumer group on drover.jobs, "
        + "holds the SSH connections of the SUTs whose partitions it owns, and runs their jobs.",
        "Stopping a worker leaves its tests running on the SUTs: the worker that takes its SUTs over re-attaches to them.",
        "Exit codes: 0 stopped by a signal, 74 Kafka unreachable."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka's bootstrap servers.")
    String kafka;
    @Option(names = "--id", paramLabel = "ID", description = "The worker's id in events and heartbeats (default: HOST-RANDOM).")
    String id;
    @Option(names = "--http", paramLabel = "[HOST:]PORT", description = "Serve GET /metrics (docs/metrics.md), "
            + "/health/live and /health/ready (Kafka answers) there (HOST default 127.0.0.1).")
    String http;
    @Mixin
    KafkaConfigFlag kafkaConfig;
    @Mixin
    WorkerFlags worker;
    @Mixin
    NamespaceFlag namespace;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String workerId = id != null ? id : InetAddress.getLocalHost().getHostName() + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Map<String, Object> kafkaProperties = kafkaConfig.properties();
        WorkerConfig config = new WorkerConfig(kafka, namespace.topics(), workerId, worker.capacity, worker.artifacts, worker.settings(),
                worker.execution.ssh.options(), WorkerConfig.DEFAULT_HEARTBEAT, kafkaProperties);
        HttpAddress address = http == null ? null : HttpAddress.parse(http);
        PrometheusMeterRegistry meters = PrometheusMeters.create();
        CountDownLatch stop = new CountDownLatch(1);
        try (Interrupts interrupts = Interrupts.on("stopping the worker; its tests go on on the SUTs",
                reason -> stop.countDown(), err);
             FarmWorker running = FarmWorker.start(config, meters);
             KafkaCheck kafkaCheck = address == null ? null : new KafkaCheck(kafka, kafkaProperties);
             MetricsServer server = address == null ? null : MetricsServer.start(address.host(), address.port(),
                     List.of(new MetricsRoutes(meters), new HealthRoutes(new Readiness(List.of(kafkaCheck),
                             Duration.ofSeconds(2), Duration.ofSeconds(1)))))) {
            ConsumerLag.register(meters, "worker", List.of(running::consumerMetrics));
            err.println("drover: worker " + workerId + " on " + kafka + ", capacity " + worker.capacity);
            if (server != null) {
                err.println("drover: metrics and health on port " + server.port());
            }
            err.flush();
            stop.await();
            return ExitCodes.OK;
        } catch (KafkaException | IllegalStateException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
    }
}
