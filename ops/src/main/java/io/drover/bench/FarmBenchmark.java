package io.drover.bench;

import io.drover.coordinator.farm.Coordinator;
import io.drover.coordinator.farm.CoordinatorConfig;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.farm.RunIntake;
import io.drover.coordinator.farm.RunRequest;
import io.drover.coordinator.farm.RunSubmitter;
import io.drover.coordinator.farm.RunTail;
import io.drover.embedded.EmbeddedKafka;
import io.drover.event.JobFinished;
import io.drover.event.RunFinished;
import io.drover.event.TestFinished;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.event.TestStarted;
import io.drover.job.FarmTopics;
import io.drover.job.Job;
import io.drover.job.JobCodec;
import io.drover.worker.farm.FarmWorker;
import io.drover.worker.farm.WorkerConfig;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sim.SimulatedSutFarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of the farm (docs/benchmarks.md, "The farm"): N trivial tests ({@code true}) on S simulated SUTs
 * through a broker, the coordinator and W workers, all in this JVM. Measures tests per second from submit to
 * {@code run.finished}, the overhead per test (wall time x SUTs / tests, since the tests themselves take no
 * time) and the dispatch latency: from a test's job being ready (published, read back from the jobs topic
 * with its {@code ts}, and the job before it on its SUT ended) to its {@code test.started}.
 *
 * <p>Usage: {@code FarmBenchmark WORKDIR TESTS SUTS WORKERS}
 */
public final class FarmBenchmark {
    private FarmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int tests = Integer.parseInt(args[1]);
        int suts = Integer.parseInt(args[2]);
        int workerCount = Integer.parseInt(args[3]);
        Path tree = work.resolve("tree");
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Files.writeString(tree.resolve("plan.fmf"), "discover: {how: fmf}\nexecute: {how: tmt}\n");
        StringBuilder fmf = new StringBuilder("test: 'true'\n");
        for (int i = 1; i <= tests; i++) {
            fmf.append(String.format("/t%05d: {}%n", i));
        }
        Files.createDirectories(tree.resolve("tests"));
        Files.writeString(tree.resolve("tests/main.fmf"), fmf.toString());

        FarmTopics topics = FarmTopics.DEFAULT;
        List<FarmWorker> workers = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
             SimulatedSutFarm sims = SimulatedSutFarm.start(work.resolve("suts"), suts)) {
            String bootstrap = kafka.bootstrapServers();
            Coordinator coordinator = Coordinator.start(CoordinatorConfig.of(bootstrap).withPartitions(Math.max(workerCount, 4))
                    .withLog(System.err::println));
            coordinator.awaitLive(Duration.ofSeconds(60));
            for (int i = 1; i <= workerCount; i++) {
                workers.add(FarmWorker.start(new WorkerConfig(bootstrap, topics, "bench-" + i, suts,
                        work.resolve("artifacts"), ExecutionSettings.defaults(), sims.sshOptions(),
                        WorkerConfig.DEFAULT_HEARTBEAT, Map.of())));
            }
            List<RunSut> pool = new ArrayList<>();
            for (SimulatedSut sim : sims.suts()) {
                pool.add(new RunSut(sim.id(), sim.address().toString(), Map.of()));
            }
            RunIntake.SplitRun split = RunIntake.split(new RunRequest(tree.toString(), List.of(), List.of(), false,
                    Map.of(), "sim:" + suts, pool, RunPolicy.DEFAULT), RunIntake.newRunId());
            Map<String, Instant> jobPublished = new ConcurrentHashMap<>();
            Map<String, String> testJobs = new ConcurrentHashMap<>();
            Thread jobs = new Thread(() -> readJobs(bootstrap, topics, jobPublished, testJobs), "bench-jobs");
            jobs.setDaemon(true);
            jobs.start();
            Map<String, Instant> started = new HashMap<>();
            Map<String, Instant> testEnded = new HashMap<>();
            Map<String, Instant> jobEnded = new HashMap<>();
            long begin = System.nanoTime();
            RunFinished finished;
            try (KafkaProducer<String, String> producer = FarmClients.producer(bootstrap, Map.of(), "bench")) {
                RecordMetadata where = new RunSubmitter(producer, topics).submit(split);
                try (RunTail watch = new RunTail(bootstrap, Map.of(), topics, split.runId(), false,
                        where.offset() - 1)) {
                    finished = watch.follow((event, line, offset) -> {
                        if (event instanceof TestStarted s) {
                            started.putIfAbsent(s.test(), Instant.parse(s.ts()));
                        } else if (event instanceof TestFinished f) {
                            testEnded.putIfAbsent(f.test(), Instant.parse(f.ts()));
                        } else if (event instanceof JobFinished j) {
                            jobEnded.putIfAbsent(j.job(), Instant.parse(j.ts()));
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "tests=%d suts=%d workers=%d passed=%d exit=%d%n", tests, suts, workerCount,
                    finished.passed(), finished.exitCode());
            System.out.printf(Locale.ROOT, "wall=%.1fs tests/s=%.1f time per test on a SUT=%.1fms%n", seconds, tests / seconds,
                    seconds * 1000 * suts / tests);
            // a job is ready when it is published and the job before it on its SUT has ended
            Map<String, Instant> ready = new HashMap<>();
            int queued = 0;
            for (Map.Entry<String, String> test : testJobs.entrySet()) {
                Instant at = jobPublished.get(test.getKey());
                Instant before = jobEnded.get(previousJob(test.getKey()));
                if (before != null && before.isAfter(at)) {
                    at = before;
                    queued++;
                }
                ready.put(test.getValue(), at);
            }
            long[] latencies = between(ready, started);
            System.out.printf(Locale.ROOT, "dispatch latency (job ready -> test.started), %d tests: p50=%dms "
                            + "p99=%dms max=%dms; %d jobs were published before the job ahead of them ended%n",
                    latencies.length, percentile(latencies, 50), percentile(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1], queued);
            long[] running = between(started, testEnded);
            System.out.printf(Locale.ROOT, "test.started -> test.finished: p50=%dms p99=%dms%n", percentile(running, 50),
                    percentile(running, 99));
            workers.forEach(FarmWorker::close);
            coordinator.close();
        }
    }

    /** The id of the job before {@code <run>/<sut>/<n>} on its SUT. */
    private static String previousJob(String id) {
        int slash = id.lastIndexOf('/');
        return id.substring(0, slash + 1) + (Integer.parseInt(id.substring(slash + 1)) - 1);
    }

    private static long[] between(Map<String, Instant> from, Map<String, Instant> to) {
        return from.entrySet().stream().filter(e -> to.containsKey(e.getKey()))
                .mapToLong(e -> Duration.between(e.getValue(), to.get(e.getKey())).toMillis()).sorted().toArray();
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** The publish time of every job and the test of every first attempt's job, read back from the jobs topic. */
    private static void readJobs(String bootstrap, FarmTopics topics, Map<String, Instant> jobPublished,
                                 Map<String, String> testJobs) {
        try (KafkaConsumer<String, String> consumer = FarmClients.consumer(bootstrap, Map.of(), "bench-jobs", null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.jobs(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topics.jobs(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Job job = JobCodec.read(record.value());
                    jobPublished.putIfAbsent(job.id(), Instant.parse(job.ts()));
                    if (Job.TEST.equals(job.type()) && job.attempt() == 1) {
                        testJobs.putIfAbsent(job.id(), job.test());
                    }
                }
            }
        }
    }

}
