package io.drover.coordinator.store;

import io.drover.coordinator.farm.FarmClients;
import io.drover.event.EventCodec;
import io.drover.event.OutputChunk;
import io.drover.job.FarmTopics;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The result store: a consumer of {@code drover.events} and {@code drover.output} that writes each poll's records to
 * PostgreSQL in one transaction ({@link StoreBatch}) and the output chunks into the artifact root, and commits the
 * Kafka offsets only after both. Killed at any point, it stores the uncommitted records again when it (or another
 * store of the farm) starts, which changes nothing. A batch that cannot be written is tried again from its first
 * record until it can, with one line in the log when it starts failing and one when it works again.
 */
public final class EventStore implements AutoCloseable {
    /**
     * How a store runs.
     *
     * @param bootstrap   Kafka's bootstrap servers
     * @param kafka       more Kafka client properties
     * @param topics      the farm's topics and groups
     * @param artifacts   the artifact root: a directory per run, with each finished run's atex aggregate
     *                    ({@value RunAggregate#FILE})
     * @param writeOutput whether the store writes the output chunks into the root; not when the workers of this
     *                    process write them there already (the farm {@code drover run} starts): they are then only
     *                    indexed
     * @param log         where one-line notices go
     * @param group       the consumer group: the farm's stores share {@code topics.storeGroup()}; a store of its own
     *                    group stores every event again from the start of the topics
     */
    public record Config(String bootstrap, Map<String, Object> kafka, FarmTopics topics, Path artifacts,
                         boolean writeOutput, Consumer<String> log, String group) {
        public Config {
            Objects.requireNonNull(bootstrap, "bootstrap");
            kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
            topics = topics == null ? FarmTopics.DEFAULT : topics;
            Objects.requireNonNull(artifacts, "artifacts");
            log = log == null ? line -> { } : log;
            group = group == null ? topics.storeGroup() : group;
        }

        /** A store in the farm's group that writes the output. */
        public Config(String bootstrap, Map<String, Object> kafka, FarmTopics topics, Path artifacts,
                      Consumer<String> log) {
            this(bootstrap, kafka, topics, artifacts, true, log, null);
        }
    }

    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Config config;
    private final StoreDatabase database;
    private final KafkaConsumer<String, String> consumer;
    private final ArtifactFiles files;
    private final StoreReader reader;
    private final Thread thread;
    /** Writes the aggregates of finished runs, so that reading a run back does not hold up storing. */
    private final ExecutorService aggregates;
    private final AtomicInteger aggregatesDue = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    /** How many polls found nothing with every partition at its end. */
    private final AtomicLong endChecks = new AtomicLong();
    private volatile boolean closed;
    private boolean failing;

    private EventStore(Config config, StoreDatabase database) {
        this.config = config;
        this.database = database;
        Map<String, Object> kafka = new HashMap<>(config.kafka());
        kafka.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        // fewer, larger fetches: the broker serves a busy topic with far less work, a quiet one 50 ms later
        kafka.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        kafka.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        kafka.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        // the coordinator makes the topics with their partitions; a store started first waits for them
        kafka.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        kafka.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        // a store that died is replaced after 10 s, not Kafka's 45
        kafka.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        kafka.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        this.consumer = FarmClients.consumer(config.bootstrap(), kafka, "drover-store", config.group());
        this.files = new ArtifactFiles(config.writeOutput() ? config.artifacts() : null);
        this.reader = new StoreReader(database);
        this.thread = new Thread(this::run, "drover-store");
        this.aggregates = Executors.newSingleThreadExecutor(task -> {
            Thread aggregator = new Thread(task, "drover-store-aggregates");
            aggregator.setDaemon(true);
            return aggregator;
        });
    }

    /** Starts storing what the farm's topics hold into {@code database}, from where the farm's stores left off. */
    public static EventStore start(Config config, StoreDatabase database) {
        EventStore store = new EventStore(config, database);
        store.consumer.subscribe(List.of(config.topics().events(), config.topics().output()));
        store.thread.start();
        return store;
    }

    /** How many records this store has stored and committed. */
    public long stored() {
        return stored.get();
    }

    /** The metrics of the store's consumer (its lag among them); safe to read from any thread. */
    public Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> consumerMetrics() {
        return consumer.metrics();
    }

    /**
     * Waits until this store has stored everything its partitions held, and written the aggregates of the runs that
     * finished; false when {@code timeout} passed first.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        // the end offsets of a check that starts after this call include what was published before it
        long before = endChecks.get();
        while (endChecks.get() < before + 2) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** A batch whose transaction is under way: its records, whose offsets are committed once it is done. */
    private record Pending(Future<Void> transaction, ConsumerRecords<String, String> records,
                           List<String> finishedRuns) {
    }

    /**
     * Polls, prepares a batch (decodes it, writes its output files) while the previous batch's transaction runs,
     * then commits the previous batch's offsets and starts this batch's transaction: one transaction at a time, in
     * order, and the database's work overlaps this thread's.
     */
    private void run() {
        Pending pending = null;
        try {
            while (!closed) {
                ConsumerRecords<String, String> records = consumer.poll(pending == null ? POLL : Duration.ZERO);
                Pending failed = null;
                try {
                    StoreBatch batch = records.isEmpty() ? null : prepare(records);
                    if (pending != null) {
                        failed = pending;
                        database.await(pending.transaction());
                        committed(pending);
                        failed = null;
                    }
                    pending = batch == null ? null : new Pending(database.pool().withTransaction(batch::write),
                            records, batch.finishedRuns());
                } catch (WakeupException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    notStored(records.count() + (failed == null ? 0 : failed.records().count()), e);
                    seekBack(records);
                    if (failed != null) {
                        seekBack(failed.records());
                    }
                    // a batch still under way when preparing this one failed is settled on the next round
                    pending = failed != null ? null : pending;
                    sleep(RETRY);
                    continue;
                }
                if (records.isEmpty() && pending == null && aggregatesDue.get() == 0 && atEnd()) {
                    endChecks.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private StoreBatch prepare(ConsumerRecords<String, String> records) throws IOException {
        StoreBatch batch = new StoreBatch();
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (record.topic().equals(config.topics().output())) {
                    OutputChunk chunk = EventCodec.readChunk(record.value());
                    Path path = files.write(chunk);
                    if (path == null) {
                        skipped(record, "its names lead outside of its run's directory");
                    } else {
                        batch.add(chunk, path.toString());
                    }
                } else {
                    batch.add(EventCodec.read(record.value()));
                }
            } catch (IllegalArgumentException e) {
                skipped(record, e.getMessage());
            }
        }
        files.sync();
        return batch;
    }

    /** A batch is in the database: its offsets are committed, and the runs it finished get their aggregates. */
    private void committed(Pending done) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : done.records().partitions()) {
            List<ConsumerRecord<String, String>> part = done.records().records(partition);
            next.put(partition, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        consumer.commitSync(next);
        stored.addAndGet(done.records().count());
        if (failing) {
            failing = false;
            config.log().accept("drover: store: writing to " + database.where() + " again");
        }
        for (String run : done.finishedRuns()) {
            aggregatesDue.incrementAndGet();
            aggregates.execute(() -> {
                try {
                    writeAggregate(run);
                } finally {
                    aggregatesDue.decrementAndGet();
                }
            });
        }
    }

    private void writeAggregate(String run) {
        Path runDir = ArtifactFiles.runDir(config.artifacts(), run);
        try {
            if (runDir != null) {
                RunAggregate.write(reader, run, runDir);
            }
        } catch (IOException | RuntimeException e) {
            // the run is stored: only its aggregate is missing
            config.log().accept("drover: store: cannot write the aggregate of run " + run + ": " + e.getMessage());
        }
    }

    private void notStored(int count, Exception e) {
        if (!failing) {
            failing = true;
            config.log().accept("drover: store: cannot store " + count + " records, trying again: " + e.getMessage());
        }
    }

    /** Polls these records again; a partition given to another store meanwhile is that store's to write. */
    private void seekBack(ConsumerRecords<String, String> records) {
        for (TopicPartition partition : records.partitions()) {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void skipped(ConsumerRecord<String, String> record, String why) {
        config.log().accept("drover: store: skipped the record at " + record.topic() + "/" + record.partition() + "@"
                + record.offset() + ": " + why);
    }

    private boolean atEnd() {
        var assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(5));
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
            aggregates.shutdown();
            aggregates.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
