package io.drover.cli;

import io.drover.coordinator.farm.Coordinator;
import io.drover.coordinator.farm.CoordinatorConfig;
import io.drover.embedded.EmbeddedKafka;
import io.drover.embedded.StateDir;
import io.drover.job.FarmTopics;
import io.drover.tree.FileTrees;
import io.drover.worker.farm.FarmWorker;
import io.drover.worker.farm.WorkerConfig;
import io.drover.worker.sut.SshOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The farm inside one process, for {@code drover run} without {@code --kafka}: a Kafka broker on a free
 * loopback port with its data in a temporary directory, the coordinator, a result store (which indexes the output
 * the workers write into their artifact directory) and workers. Closed in the reverse order, once the store has
 * stored everything, and the broker's data removed.
 */
final class EmbeddedFarm implements AutoCloseable {
    private final FarmOptions options;
    private final FarmTopics topics;
    private final Path data;
    private final EmbeddedKafka kafka;
    private final Coordinator coordinator;
    private final StoreOptions.Running store;
    private final List<FarmWorker> workers = new ArrayList<>();

    private EmbeddedFarm(FarmOptions options, FarmTopics topics, Path data, EmbeddedKafka kafka,
                         Coordinator coordinator, StoreOptions.Running store) {
        this.options = options;
        this.topics = topics;
        this.data = data;
        this.kafka = kafka;
        this.coordinator = coordinator;
        this.store = store;
    }

    static EmbeddedFarm start(FarmOptions options, FarmTopics topics, DatabaseFlag database, PrintWriter err)
            throws IOException, InterruptedException {
        options.worker.settings();
        Path data = Files.createTempDirectory("drover-kafka");
        EmbeddedKafka kafka = EmbeddedKafka.start(data, 0);
        Coordinator coordinator = null;
        try {
            coordinator = Coordinator.start(CoordinatorConfig.of(kafka.bootstrapServers()).withTopics(topics)
                    .withPartitions(options.partitions).withLog(line -> {
                        err.println(line);
                        err.flush();
                    }));
            coordinator.awaitLive(Duration.ofSeconds(30));
            StoreOptions.Running store = StoreOptions.start(database, options.worker.artifacts, false, 1,
                    kafka.bootstrapServers(), Map.of(), topics, err);
            new Address(kafka.bootstrapServers(), topics).write();
            return new EmbeddedFarm(options, topics, data, kafka, coordinator, store);
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (coordinator != null) {
                coordinator.close();
            }
            kafka.close();
            FileTrees.deleteQuietly(data);
            throw e;
        }
    }

    /**
     * Where the farm of a {@code drover run} on this machine is while it runs, for {@code drover tail}: a file in the
     * state directory with its bootstrap address and namespace (the newest such farm's).
     */
    record Address(String bootstrap, FarmTopics topics) {
        private static final Path FILE = StateDir.of("embedded-farm");

        static Optional<Address> read() {
            try {
                List<String> lines = Files.readAllLines(FILE);
                return lines.size() < 2 ? Optional.empty()
                        : Optional.of(new Address(lines.get(0), new FarmTopics(lines.get(1))));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        void write() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, bootstrap + "\n" + topics.namespace() + "\n");
            } catch (IOException e) {
                // drover tail then needs --kafka
            }
        }

        /** Removes the file if it still names this farm. */
        void remove() {
            if (read().filter(this::equals).isPresent()) {
                try {
                    Files.deleteIfExists(FILE);
                } catch (IOException e) {
                    // a stale address only makes drover tail wait for nothing
                }
            }
        }
    }

    /** Where this farm's results are stored. */
    String database() {
        return store.opened().database().where();
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    Path artifacts() {
        return options.worker.artifacts;
    }

    /** Starts the workers, logging in to SUTs with {@code ssh} (for simulated SUTs, their key and known_hosts). */
    void startWorkers(SshOptions ssh) {
        for (int i = 1; i <= options.workers; i++) {
            workers.add(FarmWorker.start(new WorkerConfig(kafka.bootstrapServers(), topics, "embedded-" + i,
                    options.worker.capacity, options.worker.artifacts, options.worker.settings(), ssh,
                    WorkerConfig.DEFAULT_HEARTBEAT, Map.of())));
        }
    }

    @Override
    public void close() {
        new Address(kafka.bootstrapServers(), topics).remove();
        workers.forEach(FarmWorker::close);
        try {
            if (!store.awaitCaughtUp(Duration.ofSeconds(30))) {
                System.err.println("drover: warning: the result store did not store all of the run within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        coordinator.close();
        kafka.close();
        FileTrees.deleteQuietly(data);
    }
}
