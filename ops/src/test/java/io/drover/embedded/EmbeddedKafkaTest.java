package io.drover.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.cli.CliRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/** The embedded single-node broker with real Kafka clients, and {@code drover broker}. */
class EmbeddedKafkaTest {
    @TempDir
    Path temp;

    @Test
    void createsATopicThenProducesIdempotentlyAndConsumesInAGroup() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String topic = "produce-consume-" + UUID.randomUUID();
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(3);
        }
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        String group = "group-" + UUID.randomUUID();
        List<ConsumerRecord<String, String>> records;
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, group)) {
            consumer.subscribe(List.of(topic));
            records = poll(consumer, 30);
            consumer.commitSync();
        }
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).mapToObj(i -> "value-" + i).toList());
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(30);
        }
    }

    @Test
    void aRestartOnTheSameDirectoryAndPortKeepsTopicsRecordsAndGroupOffsets() throws Exception {
        Path dir = temp.resolve("kafka");
        String topic = "kept";
        EmbeddedKafka first = EmbeddedKafka.start(dir, 0);
        int port = first.port();
        String clusterId = first.clusterId();
        try (first) {
            assertThat(first.formatted()).isTrue();
            assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(first.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            try (KafkaConsumer<String, String> consumer = consumer(first.bootstrapServers(), "kept-group")) {
                consumer.subscribe(List.of(topic));
                assertThat(poll(consumer, 5)).hasSize(5);
                consumer.commitSync();
            }
        }
        assertThat(Files.readString(dir.resolve("kafka-logs/meta.properties"))).contains("cluster.id=" + clusterId);

        try (EmbeddedKafka second = EmbeddedKafka.start(dir, port)) {
            assertThat(second.formatted()).isFalse();
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(second.bootstrapServers())) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("kept-group").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(5);
            }
            try (KafkaProducer<String, String> producer = producer(second.bootstrapServers())) {
                producer.send(new ProducerRecord<>(topic, "k5", "after-0")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = consumer(second.bootstrapServers(), "after-restart")) {
                consumer.subscribe(List.of(topic));
                assertThat(poll(consumer, 6)).extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("before-0", "before-1", "before-2", "before-3", "before-4", "after-0");
            }
        }
    }

    @Test
    void aPortInUseFailsWithOneLineNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafka.start(temp.resolve("kafka"), port))
                    .isInstanceOfSatisfying(BrokerStartException.class,
                            e -> assertThat(e.reason()).isEqualTo(BrokerStartException.Reason.PORT_IN_USE))
                    .hasMessage("port 127.0.0.1:" + port + " is already in use");
            assertThat(temp.resolve("kafka")).doesNotExist();

            CliRun run = CliRun.of("broker", "--port", String.valueOf(port), "--data", temp.resolve("kafka").toString());
            assertThat(run.exitCode()).isEqualTo(64);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("drover: error: port 127.0.0.1:" + port + " is already in use\n");
        }
    }

    @Test
    void anUnusableDataDirectoryFailsWithOneLineNamingIt() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        Path dir = file.resolve("kafka");
        assertThatThrownBy(() -> EmbeddedKafka.start(dir, 0))
                .isInstanceOfSatisfying(BrokerStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(BrokerStartException.Reason.DATA_DIR))
                .hasMessageContaining(dir.toString())
                .hasMessageNotContaining("\n");

        CliRun run = CliRun.of("broker", "--port", "0", "--data", dir.toString());
        assertThat(run.exitCode()).isEqualTo(74);
        assertThat(run.err()).startsWith("drover: error: cannot create the Kafka data directory " + dir).endsWith("\n")
                .hasLineCount(1);
    }

    @Test
    void aDirectoryServedByAnotherBrokerIsRefused() {
        Path shared = SharedKafka.get().dataDir();
        assertThatThrownBy(() -> EmbeddedKafka.start(shared, 0))
                .isInstanceOf(BrokerStartException.class)
                .hasMessage("the Kafka data directory " + shared + " is in use by another broker in this process");
    }

    @Test
    void aDirectoryLockedByAnotherProcessIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("locked"));
        Path python = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(d -> Path.of(d, "python3")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(python != null, "python3 is needed to hold a POSIX lock from another process");
        Process holder = new ProcessBuilder(python.toString(), "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
                dir.resolve("drover.lock").toString()).redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("locked");
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, 0))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessage("the Kafka data directory " + dir + " is in use by another process");
            assertThat(dir.resolve("kafka-logs")).doesNotExist();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void droverBrokerPrintsItsAddressServesAndStopsOnSigterm() throws Exception {
        Path dir = temp.resolve("cli-kafka");
        StringWriter out = new SynchronizedStringWriter();
        StringWriter err = new SynchronizedStringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread broker = new Thread(() -> exitCode.set(CliRun.run(new String[] {"broker", "--port", "0", "--data", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true))), "drover-broker-test");
        broker.start();
        Pattern line = Pattern.compile("drover: Kafka broker on (127\\.0\\.0\\.1:(\\d+)), data in (.+)\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Matcher matcher = line.matcher("");
        while (!matcher.reset(out.toString()).matches()) {
            assertThat(broker.isAlive()).as("drover broker ended early: %s", err).isTrue();
            assertThat(System.nanoTime()).as("no address line within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(matcher.group(3)).isEqualTo(dir.toAbsolutePath().normalize().toString());
        try (Admin admin = admin(matcher.group(1))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }

        Signal.raise(new Signal("TERM"));
        broker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(broker.isAlive()).as("drover broker still running after SIGTERM").isFalse();
        assertThat(exitCode.get()).isZero();
        assertThat(out.toString()).hasLineCount(1);
        assertThat(err.toString()).isEmpty();
        assertThat(dir.resolve("kafka-logs/meta.properties")).exists();
    }

    @Test
    void helpNamesTheDefaults() {
        CliRun run = CliRun.of("broker", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s*\\R\\s*", " ")).contains("default: 9092", ".local/state/drover/kafka");
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** A StringWriter read by the test thread while the command's thread writes it. */
    private static final class SynchronizedStringWriter extends StringWriter {
        @Override
        public synchronized void write(String str, int off, int len) {
            super.write(str, off, len);
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            super.write(cbuf, off, len);
        }

        @Override
        public synchronized void write(int c) {
            super.write(c);
        }

        @Override
        public synchronized String toString() {
            return super.toString();
        }
    }

}
