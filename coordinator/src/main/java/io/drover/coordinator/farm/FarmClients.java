package io.drover.coordinator.farm;

import io.drover.job.FarmTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The coordinator's Kafka clients, configured in one place, and the farm's topics. */
public final class FarmClients {
    private FarmClients() {
    }

    /** Idempotent, acks=all: a record is written once and survives the loss of a broker that had it. */
    public static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra, String clientId) {
        Map<String, Object> props = base(bootstrap, extra, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * The coordinator's producer: what it publishes for one batch of records it read goes out in one
     * transaction, and starting it ({@code initTransactions}) fences any other coordinator of the farm, whose
     * next send or commit then fails with a {@link org.apache.kafka.common.errors.ProducerFencedException}.
     */
    public static KafkaProducer<String, String> coordinatorProducer(String bootstrap, Map<String, Object> extra,
                                                                    FarmTopics topics) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.coordinatorGroup());
        // a coordinator killed in a transaction holds back read_committed readers of its partitions until then
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        // a batch sent right after a commit is refused until the commit's markers are written, and retried:
        // after 5 ms rather than 100, and one request at a time, so that the batches behind it are not refused
        // out of order and retried in turn (end-to-end p50 19 -> 10 ms on the embedded broker)
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return producer(bootstrap, props, "drover-coordinator");
    }

    /** A consumer for partitions assigned by hand; {@code group} only names where control offsets are kept. */
    public static KafkaConsumer<String, String> consumer(String bootstrap, Map<String, Object> extra, String clientId,
                                                         String group) {
        Map<String, Object> props = base(bootstrap, extra, clientId);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static Map<String, Object> base(String bootstrap, Map<String, Object> extra, String clientId) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("bootstrap.servers", bootstrap);
        props.put("client.id", clientId);
        return props;
    }

    /** How many workers are in the farm's group now; -1 when Kafka does not say within 10 s. */
    public static int workerCount(String bootstrap, Map<String, Object> extra, FarmTopics names) {
        try (Admin admin = Admin.create(base(bootstrap, extra, "drover-presence"))) {
            return admin.describeConsumerGroups(List.of(names.workersGroup())).all().get(10, TimeUnit.SECONDS)
                    .get(names.workersGroup()).members().size();
        } catch (ExecutionException e) {
            return e.getCause() instanceof GroupIdNotFoundException ? 0 : -1;
        } catch (TimeoutException | KafkaException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Creates the farm's topics that do not exist yet: jobs, events and output with {@code partitions}
     * partitions, control with one. Replication is the broker's default.
     */
    public static void ensureTopics(String bootstrap, Map<String, Object> extra, FarmTopics names, int partitions) {
        Map<String, Object> props = base(bootstrap, extra, "drover-topics");
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = List.of(
                    new NewTopic(names.jobs(), java.util.Optional.of(partitions), java.util.Optional.empty()),
                    new NewTopic(names.events(), java.util.Optional.of(partitions), java.util.Optional.empty()),
                    new NewTopic(names.output(), java.util.Optional.of(partitions), java.util.Optional.empty()),
                    new NewTopic(names.control(), java.util.Optional.of(1), java.util.Optional.empty()));
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new FarmException("cannot create topic " + entry.getKey() + " on " + bootstrap + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FarmException("interrupted while creating the topics", e);
        }
    }
}
