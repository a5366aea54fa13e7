package io.drover.worker.farm;

import io.drover.job.FarmTopics;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.sut.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link FarmWorker} runs.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param topics           the farm's topics and consumer groups
 * @param workerId         the worker's id in events and heartbeats
 * @param capacity         at most this many jobs run at once
 * @param artifactsRoot    where each attempt's artifacts go, {@code <root>/<run>/<plan>/<test>/attempt-<n>}
 * @param settings         how tests run on the SUTs
 * @param ssh              how to log in to the SUTs
 * @param heartbeat        how often {@code worker.heartbeat} is published
 * @param kafka            more Kafka client properties, for producer and consumers alike
 */
public record WorkerConfig(String bootstrapServers, FarmTopics topics, String workerId, int capacity,
                           Path artifactsRoot, ExecutionSettings settings, SshOptions ssh, Duration heartbeat,
                           Map<String, Object> kafka) {
    public static final int DEFAULT_CAPACITY = 50;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);

    public WorkerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(artifactsRoot, "artifactsRoot");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (capacity < 1) {
            throw new IllegalArgumentException("a worker's capacity must be 1 or more, not " + capacity);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, not " + heartbeat);
        }
        kafka = Map.copyOf(kafka);
    }

    /** Where a worker keeps the git repositories and commits of runs: {@code <artifacts root>/.git-cache}. */
    public static Path gitCache(Path artifactsRoot) {
        return artifactsRoot.resolve(".git-cache");
    }

    public Path gitCache() {
        return gitCache(artifactsRoot);
    }

    /** A worker of the default farm ({@link FarmTopics#DEFAULT}). */
    public WorkerConfig(String bootstrapServers, String workerId, int capacity, Path artifactsRoot,
                        ExecutionSettings settings, SshOptions ssh, Duration heartbeat, Map<String, Object> kafka) {
        this(bootstrapServers, FarmTopics.DEFAULT, workerId, capacity, artifactsRoot, settings, ssh, heartbeat, kafka);
    }
}
