package io.drover.worker.farm;

import io.drover.event.Events;
import io.drover.event.WorkerHeartbeat;
import io.drover.job.ControlRequest;
import io.drover.job.FarmTopics;
import io.drover.job.Job;
import io.drover.job.JobCodec;
import io.drover.worker.metrics.WorkerMeters;
import io.drover.worker.runner.StepExecutors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.drover.worker.sut.SshTransport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A worker of a farm: a member of the workers' group on {@code drover.jobs} that runs the jobs of the SUTs
 * whose partitions it owns ({@link JobHandler}), reads every cancel on {@code drover.control}, and
 * publishes a heartbeat. One thread polls the jobs (the consumer is not thread-safe: jobs that end are
 * handed back to it through a queue) and commits a partition only up to its oldest job not ended; one
 * thread reads the control topic. When it stops, or loses partitions, the tests it ran go on on the SUTs
 * and the worker that takes them over re-attaches to them.
 */
public final class FarmWorker implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * How often ended jobs' offsets are committed while running: a job ended since is delivered again to the
     * next owner if this worker dies, and answered from the SUT (see {@link JobHandler}); fewer commits spare
     * the brokers.
     */
    private static final Duration COMMIT_EVERY = Duration.ofMillis(500);

    private final WorkerConfig config;
    private final PrintStream log;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> jobs;
    private final KafkaConsumer<String, String> control;
    private final SshTransport transport;
    private final ScheduledExecutorService timers;
    private final ExecutorService blocking;
    private final KafkaEventSink sink;
    private final JobHandler handler;
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final AtomicLong heartbeats = new AtomicLong();
    private final Thread poller;
    private final Thread controlReader;
    // the poll thread's own
    private final Map<TopicPartition, PartitionOffsets> offsets = new HashMap<>();
    private final Map<TopicPartition, Set<String>> suts = new HashMap<>();
    // where each partition's log ended when it was assigned here: jobs before that may have run elsewhere
    private final Map<TopicPartition, Long> freshFrom = new HashMap<>();
    private boolean paused;
    private long lastCommit = System.nanoTime();
    private volatile boolean topicsReady;
    private volatile boolean closing;

    /** A record whose job ended, for the poll thread; {@code partition} is the tracker it was read into. */
    private record Ended(PartitionOffsets partition, long offset) {
    }

    private FarmWorker(WorkerConfig config, PrintStream log, MeterRegistry registry) {
        this.config = config;
        this.log = log;
        this.producer = WorkerClients.producer(config);
        this.jobs = WorkerClients.jobsConsumer(config);
        this.control = WorkerClients.controlConsumer(config);
        this.transport = SshTransport.start();
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "timer"));
        this.blocking = StepExecutors.newExecutor("drover-worker-" + config.workerId());
        this.sink = new KafkaEventSink(producer, config.topics(), log);
        WorkerMeters meters = new WorkerMeters(registry);
        this.handler = new JobHandler(config, meters.counting(SutConnector.of(transport, config.ssh())),
                meters.counting(sink), timers, blocking, log);
        Gauge.builder("drover_worker_jobs_running", this, FarmWorker::running)
                .description("Jobs (tests, prepare and finish phases) running on this worker").register(registry);
        this.poller = daemon(this::pollJobs, "jobs");
        this.controlReader = daemon(this::readControl, "control");
    }

    /**
     * Starts a worker: checks that Kafka answers (a {@link KafkaException} when it does not), then joins the
     * workers' group. Jobs come once the coordinator has created the topics.
     */
    public static FarmWorker start(WorkerConfig config) {
        return start(config, new CompositeMeterRegistry());
    }

    /** The same, keeping the worker's meters ({@link WorkerMeters}) in {@code registry}. */
    public static FarmWorker start(WorkerConfig config, MeterRegistry registry) {
        FarmWorker worker = new FarmWorker(config, System.err, registry);
        try {
            worker.control.listTopics(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            worker.close();
            throw e instanceof KafkaException kafka ? kafka
                    : new KafkaException("Kafka at " + config.bootstrapServers() + " does not answer: " + e.getMessage(), e);
        }
        worker.poller.start();
        worker.controlReader.start();
        long every = config.heartbeat().toMillis();
        worker.timers.scheduleAtFixedRate(worker::heartbeat, 0, every, TimeUnit.MILLISECONDS);
        return worker;
    }

    public String id() {
        return config.workerId();
    }

    /** The metrics of the worker's consumer of jobs (its lag among them); safe to read from any thread. */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return jobs.metrics();
    }

    /** How many jobs run now. */
    public int running() {
        return handler.running();
    }

    /**
     * Stops taking jobs and lets go of the SUTs, leaving their tests running for the worker that takes them
     * over; publishes what is pending and closes the clients.
     */
    @Override
    public void close() {
        closing = true;
        jobs.wakeup();
        control.wakeup();
        if (!join(poller)) {
            jobs.close(Duration.ZERO);
        }
        if (!join(controlReader)) {
            control.close(Duration.ZERO);
        }
        handler.close();
        timers.shutdownNow();
        producer.close(Duration.ofSeconds(10));
        transport.close();
        blocking.shutdownNow();
    }

    private void pollJobs() {
        try {
            jobs.subscribe(List.of(config.topics().jobs()), new Rebalance());
            while (!closing) {
                for (ConsumerRecord<String, String> record : jobs.poll(POLL)) {
                    take(record);
                }
                takeEnded();
                if (System.nanoTime() - lastCommit >= COMMIT_EVERY.toNanos()) {
                    commit(offsets.keySet(), false);
                    lastCommit = System.nanoTime();
                }
                flowControl();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.println("drover: worker " + id() + ": stopped taking jobs: " + e);
        } finally {
            try {
                takeEnded();
                commit(offsets.keySet(), true);
            } catch (RuntimeException e) {
                // the next owner reads again what was not committed
            }
            jobs.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        TopicPartition where = new TopicPartition(record.topic(), record.partition());
        PartitionOffsets partition = offsets.computeIfAbsent(where, p -> new PartitionOffsets());
        partition.received(record.offset());
        Job job;
        try {
            job = JobCodec.read(record.value());
        } catch (IllegalArgumentException e) {
            log.println("drover: worker " + id() + ": skipped the record at " + where + "@" + record.offset() + ": "
                    + e.getMessage());
            JobEnds.unreadable(record.value(), id(), e.getMessage()).ifPresent(sink::event);
            partition.finished(record.offset());
            return;
        }
        suts.computeIfAbsent(where, p -> new HashSet<>()).add(job.sut());
        boolean mayHaveRun = record.offset() < freshFrom.getOrDefault(where, Long.MAX_VALUE)
                || record.headers().lastHeader(FarmTopics.RESENT_HEADER) != null;
        handler.submit(job, mayHaveRun).whenComplete((v, e) -> ended.add(new Ended(partition, record.offset())));
    }

    private void takeEnded() {
        for (Ended end; (end = ended.poll()) != null; ) {
            end.partition().finished(end.offset());
        }
    }

    private void commit(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionOffsets tracked = offsets.get(partition);
            long at = tracked == null ? -1 : tracked.toCommit();
            if (at >= 0) {
                commits.put(partition, new OffsetAndMetadata(at));
                tracked.committed(at);
            }
        }
        if (commits.isEmpty()) {
            return;
        }
        if (sync) {
            jobs.commitSync(commits);
        } else {
            jobs.commitAsync(commits, (done, e) -> {
                if (e == null) {
                    return;
                }
                // called on the poll thread; a commit refused during a rebalance is simply made again later
                commits.keySet().forEach(p -> {
                    PartitionOffsets tracked = offsets.get(p);
                    if (tracked != null) {
                        tracked.commitFailed();
                    }
                });
                if (!(e instanceof org.apache.kafka.clients.consumer.RetriableCommitFailedException)
                        && !(e instanceof org.apache.kafka.common.errors.RebalanceInProgressException)) {
                    log.println("drover: worker " + id() + ": cannot commit " + commits + ": " + e.getMessage());
                }
            });
        }
    }

    /**
     * Full, with a job waiting for each slot (the coordinator queues a SUT's next test behind its running one):
     * the partitions pause (the consumer keeps polling, so it stays in the group) until a job ends.
     */
    private void flowControl() {
        boolean full = handler.pending() >= 2 * config.capacity();
        if (full && !paused) {
            jobs.pause(jobs.assignment());
            paused = true;
        } else if (!full && paused) {
            jobs.resume(jobs.paused());
            paused = false;
        }
    }

    /** Partitions moving away: commit what ended, then let go of their SUTs without stopping their tests. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            takeEnded();
            try {
                commit(revoked, true);
            } catch (RuntimeException e) {
                log.println("drover: worker " + id() + ": cannot commit " + revoked + ": " + e.getMessage());
            }
            letGo(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            letGo(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (paused) {
                jobs.pause(assigned);
            }
            try {
                freshFrom.putAll(jobs.endOffsets(assigned, Duration.ofSeconds(30)));
            } catch (RuntimeException e) {
                assigned.forEach(p -> freshFrom.put(p, Long.MAX_VALUE));
            }
        }

        private void letGo(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                offsets.remove(partition);
                freshFrom.remove(partition);
                Set<String> held = suts.remove(partition);
                if (held != null) {
                    held.forEach(handler::abandon);
                }
            }
        }
    }

    /** Every partition of the control topic, from its end: cancels made from now on. */
    private void readControl() {
        try {
            String topic = config.topics().control();
            List<TopicPartition> partitions = List.of();
            while (!closing && (partitions.isEmpty() || !exists(config.topics().events()))) {
                partitions = control.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
            topicsReady = true;
            control.assign(partitions);
            control.seekToEnd(partitions);
            while (!closing) {
                for (ConsumerRecord<String, String> record : control.poll(Duration.ofMillis(500))) {
                    cancel(record);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.println("drover: worker " + id() + ": stopped reading cancels: " + e);
        } finally {
            control.close(Duration.ofSeconds(5));
        }
    }

    private boolean exists(String topic) {
        List<PartitionInfo> partitions = control.partitionsFor(topic);
        return partitions != null && !partitions.isEmpty();
    }

    private void cancel(ConsumerRecord<String, String> record) {
        ControlRequest request;
        try {
            request = JobCodec.readControl(record.value());
        } catch (IllegalArgumentException e) {
            log.println("drover: worker " + id() + ": skipped the record at " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + ": " + e.getMessage());
            return;
        }
        handler.cancel(request);
    }

    /** Until the topics exist, heartbeats would create the events topic with the broker's defaults. */
    private void heartbeat() {
        if (topicsReady && !closing) {
            sink.event(new WorkerHeartbeat(null, heartbeats.incrementAndGet(), Events.now(), id(), config.capacity(),
                    handler.running()));
        }
    }

    private Thread daemon(Runnable body, String what) {
        Thread thread = new Thread(body, "drover-worker-" + config.workerId() + "-" + what);
        thread.setDaemon(true);
        return thread;
    }

    /** Waits for a thread to end; false when it never started. */
    private static boolean join(Thread thread) {
        if (thread.getState() == Thread.State.NEW) {
            return false;
        }
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
