package io.drover.worker.farm;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The worker's Kafka clients, configured in one place. */
final class WorkerClients {
    private WorkerClients() {
    }

    /** Idempotent, acks=all: an event is written once and survives the loss of a broker that had it. */
    static KafkaProducer<String, String> producer(WorkerConfig config) {
        Map<String, Object> props = base(config, "-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * A member of the workers' group on the jobs: offsets committed by hand, partitions moved a few at a time
     * (cooperative-sticky), and a dead worker's partitions handed on within about 15 s.
     */
    static KafkaConsumer<String, String> jobsConsumer(WorkerConfig config) {
        Map<String, Object> props = consumerProps(config, "-jobs");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.topics().workersGroup());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return new KafkaConsumer<>(props);
    }

    /** A consumer of partitions assigned by hand, in no group: the worker reads control requests from now on. */
    static KafkaConsumer<String, String> controlConsumer(WorkerConfig config) {
        Map<String, Object> props = consumerProps(config, "-control");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(props);
    }

    private static Map<String, Object> consumerProps(WorkerConfig config, String suffix) {
        Map<String, Object> props = base(config, suffix);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the coordinator creates the topics with their partitions; a worker started first waits for them
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    private static Map<String, Object> base(WorkerConfig config, String suffix) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put("bootstrap.servers", config.bootstrapServers());
        props.put("client.id", "drover-worker-" + config.workerId() + suffix);
        return props;
    }
}
