package io.drover.coordinator.farm;

import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.job.FarmTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a coordinator runs.
 *
 * @param bootstrap     Kafka's bootstrap servers, {@code host:port[,host:port...]}
 * @param topics        the farm's topics and groups
 * @param partitions    partitions of {@code drover.jobs}, {@code drover.events} and {@code drover.output} when
 *                      the coordinator creates them (existing topics are left as they are): at most this many
 *                      workers share the SUTs
 * @param workerSilence after how long without a heartbeat a worker is reported silent
 * @param kafka         more Kafka client properties (security, timeouts), applied to every client
 * @param knownIssues   the farm's known-issue rules, tried after each run's own
 * @param log           where one-line notices go (a worker gone silent, a bad record skipped)
 */
public record CoordinatorConfig(String bootstrap, FarmTopics topics, int partitions, Duration workerSilence, Map<String, Object> kafka,
                                KnownIssueRules knownIssues, Consumer<String> log) {
    public static final int DEFAULT_PARTITIONS = 12;
    public static final Duration DEFAULT_WORKER_SILENCE = Duration.ofSeconds(20);

    public CoordinatorConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        topics = topics == null ? FarmTopics.DEFAULT : topics;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be 1 or more, not " + partitions);
        }
        kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
        knownIssues = knownIssues == null ? KnownIssueRules.NONE : knownIssues;
        log = log == null ? line -> { } : log;
    }

    public static CoordinatorConfig of(String bootstrap) {
        return new CoordinatorConfig(bootstrap, FarmTopics.DEFAULT, DEFAULT_PARTITIONS, DEFAULT_WORKER_SILENCE, Map.of(), null, null);
    }

    public CoordinatorConfig withTopics(FarmTopics value) {
        return new CoordinatorConfig(bootstrap, value, partitions, workerSilence, kafka, knownIssues, log);
    }

    public CoordinatorConfig withPartitions(int value) {
        return new CoordinatorConfig(bootstrap, topics, value, workerSilence, kafka, knownIssues, log);
    }

    public CoordinatorConfig withKnownIssues(KnownIssueRules value) {
        return new CoordinatorConfig(bootstrap, topics, partitions, workerSilence, kafka, value, log);
    }

    public CoordinatorConfig withLog(Consumer<String> value) {
        return new CoordinatorConfig(bootstrap, topics, partitions, workerSilence, kafka, knownIssues, value);
    }

    /** The same with more Kafka client properties (security, timeouts) for every client. */
    public CoordinatorConfig withKafka(Map<String, Object> value) {
        return new CoordinatorConfig(bootstrap, topics, partitions, workerSilence, value, knownIssues, log);
    }
}
