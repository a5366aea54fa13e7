package io.drover.bench;

import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.embedded.EmbeddedDatabase;
import io.drover.embedded.EmbeddedKafka;
import io.drover.event.EventCodec;
import io.drover.job.FarmTopics;
import io.drover.tree.FileTrees;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Throughput and heap of the result store (docs/benchmarks.md, "The result store"), in two processes so that the
 * store's heap is its own:
 * <ul>
 * <li>{@code StoreBenchmark serve WORKDIR EVENTS}: starts a Kafka broker and a PostgreSQL, publishes EVENTS events
 *     (runs of 1,000 tests, each test with a start, 8 results, an end and a verdict), prints {@code ready BOOTSTRAP
 *     URL} and serves until its standard input closes;</li>
 * <li>{@code StoreBenchmark store BOOTSTRAP URL EVENTS}: stores in this JVM ({@code -Ddrover.stores=N}, default 2,
 *     as {@code drover store} runs them) store them all, printing every 10 s the events stored, the rate and the heap
 *     after the last garbage collection, then a summary.</li>
 * </ul>
 */
public final class StoreBenchmark {
    private static final int TESTS = 1000;
    private static final int RESULTS = 8;
    private static final FarmTopics TOPICS = new FarmTopics("bench");

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            serve(Path.of(args[1]), Long.parseLong(args[2]));
        } else {
            store(args[1], args[2], Long.parseLong(args[3]));
        }
    }

    private static void serve(Path work, long events) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
             EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("postgres"))) {
            FarmClients.ensureTopics(kafka.bootstrapServers(), Map.of(), TOPICS, 4);
            long start = System.nanoTime();
            long published = 0;
            try (KafkaProducer<String, String> producer = FarmClients.producer(kafka.bootstrapServers(),
                    Map.of("linger.ms", 20, "batch.size", 512 * 1024, "compression.type", "lz4"), "bench")) {
                producer.send(new ProducerRecord<>(TOPICS.events(), "warm-up", "not an event")).get();
                for (int r = 0; published < events; r++) {
                    String run = "run-" + r;
                    long[] count = {0};
                    long left = events - published;
                    PassingRun.events(run, TESTS, RESULTS, event -> {
                        if (count[0]++ < left) {
                            producer.send(new ProducerRecord<>(TOPICS.events(), run, EventCodec.write(event)));
                        }
                    });
                    published += Math.min(count[0], left);
                }
            }
            System.out.printf(Locale.ROOT, "published %d events in %.1f s%n", published,
                    (System.nanoTime() - start) / 1e9);
            System.out.println("ready " + kafka.bootstrapServers() + " " + db.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the store is done
            }
        }
    }

    private static void store(String bootstrap, String url, long events) throws Exception {
        Path results = java.nio.file.Files.createTempDirectory("drover-bench-results");
        List<String> log = new ArrayList<>();
        long start = System.nanoTime();
        long maxHeap = 0;
        long minHeap = Long.MAX_VALUE;
        int count = Integer.getInteger("drover.stores", 2);
        long[] machineBefore = machineCpu();
        try (StoreDatabase db = StoreDatabase.open(url)) {
            List<EventStore> stores = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                stores.add(EventStore.start(new EventStore.Config(bootstrap, Map.of(), TOPICS, results, log::add), db));
            }
            LongSupplier storedAll = () -> stores.stream().mapToLong(EventStore::stored).sum();
            long lastPrint = start;
            long lastStored = 0;
            System.out.println("seconds   stored      events/s   heap after GC (MiB)");
            while (storedAll.getAsLong() < events) {
                Thread.sleep(1000);
                long heap = heapAfterGc();
                long now = System.nanoTime();
                if (storedAll.getAsLong() > 0 && heap > 0) {
                    maxHeap = Math.max(maxHeap, heap);
                    minHeap = Math.min(minHeap, heap);
                }
                if (now - lastPrint >= 10_000_000_000L) {
                    long stored = storedAll.getAsLong();
                    System.out.printf(Locale.ROOT, "%7.0f %10d %12.0f %10.1f%n", (now - start) / 1e9, stored,
                            (stored - lastStored) / ((now - lastPrint) / 1e9), heap / 1048576.0);
                    lastPrint = now;
                    lastStored = stored;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "stored %d events in %.1f s: %.0f events/s; heap after GC %.1f-%.1f MiB "
                    + "(max heap %d MiB)%n", storedAll.getAsLong(), seconds, storedAll.getAsLong() / seconds, minHeap / 1048576.0,
                    maxHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
            long[] machine = machineCpu();
            double storeCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            System.out.printf(Locale.ROOT, "cpu: store's JVM %.1f s, whole machine %.1f s (%.1f us per event), "
                    + "stolen by the host %.1f s%n", storeCpu, (machine[0] - machineBefore[0]) / 100.0,
                    (machine[0] - machineBefore[0]) * 1e4 / storedAll.getAsLong(), (machine[1] - machineBefore[1]) / 100.0);
            stores.forEach(EventStore::close);
        } finally {
            FileTrees.deleteQuietly(results);
        }
        log.forEach(System.out::println);
    }

    /**
     * The machine's busy CPU time and the time the host stole from it, in clock ticks (1/100 s), from
     * {@code /proc/stat}; zeros where there is none.
     */
    private static long[] machineCpu() {
        try {
            String[] cpu = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) { // user, nice, system, irq, softirq
                busy += Long.parseLong(cpu[i]);
            }
            return new long[] {busy, Long.parseLong(cpu[8])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The heap in use right after the last collection, summed over the heap's pools (0 before any collection). */
    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && after != null) {
                used += after.getUsed();
            }
        }
        return used;
    }
}
