package io.drover.coordinator.farm;

import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.Events;
import io.drover.event.JobFinished;
import io.drover.event.RunCancelled;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.SutState;
import io.drover.event.TestFinished;
import io.drover.event.TestVerdict;
import io.drover.event.TestPending;
import io.drover.event.WorkerHeartbeat;
import io.drover.job.ControlRequest;
import io.drover.job.FarmTopics;
import io.drover.job.Job;
import io.drover.job.JobCodec;
import io.drover.coordinator.metrics.ScheduleMeters;
import io.drover.coordinator.schedule.SutView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The coordinator: follows every run on {@code drover.events} and publishes its jobs on {@code drover.jobs}.
 *
 * <p>Everything a run's schedule depends on is an event on the run's partition of {@code drover.events}:
 * its creation and tests (published by {@link RunSubmitter}), the ends of its jobs (published by workers) and
 * its cancels (turned from {@code drover.control} requests into {@code run.cancelled} events, applied when
 * read back). So the state of every run is rebuilt by reading the partitions from the start: at start the
 * coordinator replays them without publishing, then publishes again the jobs that were out when it stopped
 * (a worker that already ran one answers with the same {@code job.finished}) and the events the replay made
 * that are not in the log (decisions on events the last one never read, or did not get to publish), and goes
 * on live. One thread does all of it.
 *
 * <p>One coordinator runs per farm: what it publishes for a batch of records goes out in one Kafka
 * transaction under the farm's transactional id, so a coordinator that starts fences the one before it, which
 * stops at its next batch ({@link #failed()} says so) without having published anything of that batch.
 */
public final class Coordinator implements AutoCloseable {
    private final CoordinatorConfig config;
    /** The loop's, transactional. */
    private final KafkaProducer<String, String> producer;
    /** For runs and cancels submitted from other threads. */
    private final KafkaProducer<String, String> submissions;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, RunLedger> runs = new HashMap<>();
    private final Set<String> over = new HashSet<>();
    /** While replaying: the events the ledgers made, by run and seq, until they are read back from the log. */
    private final Map<String, Map<Long, Event>> unpublished = new HashMap<>();
    private final WorkerWatch workers;
    private final ScheduleMeters meters;
    private final CountDownLatch live = new CountDownLatch(1);
    private final Thread loop;
    private Map<TopicPartition, Long> replayUntil;
    private boolean inTransaction;
    private volatile boolean closing;
    private volatile Throwable failure;

    private Coordinator(CoordinatorConfig config, MeterRegistry registry) {
        this.config = config;
        this.meters = new ScheduleMeters(registry);
        this.workers = new WorkerWatch(config.workerSilence(), config.log());
        this.producer = FarmClients.coordinatorProducer(config.bootstrap(), config.kafka(), config.topics());
        this.submissions = FarmClients.producer(config.bootstrap(), config.kafka(), "drover-coordinator-submissions");
        this.consumer = FarmClients.consumer(config.bootstrap(), config.kafka(), "drover-coordinator",
                config.topics().coordinatorGroup());
        this.loop = new Thread(this::run, "drover-coordinator");
        this.loop.setDaemon(true);
    }

    /** Creates the topics that are missing and starts following the runs. */
    public static Coordinator start(CoordinatorConfig config) {
        return start(config, new CompositeMeterRegistry());
    }

    /** The same, keeping its meters ({@link ScheduleMeters}) in {@code registry}. */
    public static Coordinator start(CoordinatorConfig config, MeterRegistry registry) {
        FarmClients.ensureTopics(config.bootstrap(), config.kafka(), config.topics(), config.partitions());
        Coordinator coordinator = new Coordinator(config, registry);
        coordinator.loop.start();
        return coordinator;
    }

    /** Waits until the coordinator has replayed what was there when it started; false on timeout. */
    public boolean awaitLive(Duration timeout) throws InterruptedException {
        boolean ready = live.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (failure != null) {
            throw new FarmException("the coordinator stopped: " + failure.getMessage(), failure);
        }
        return ready;
    }

    /** Why the coordinator stopped by itself, or null while it runs. */
    public Throwable failed() {
        return failure;
    }

    /** Asks for a cancel of a whole run (plan and test null) or of one test. */
    public void cancel(String run, String plan, String test, String reason) {
        submitter().cancel(run, plan, test, reason);
    }

    /** The metrics of the coordinator's consumer (its lag among them); safe to read from any thread. */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return consumer.metrics();
    }

    /** The producer, for a {@link RunSubmitter} in the same process. */
    public RunSubmitter submitter() {
        return new RunSubmitter(submissions, config.topics());
    }

    private void run() {
        try {
            producer.initTransactions();
            List<TopicPartition> events = partitions(config.topics().events());
            List<TopicPartition> control = partitions(config.topics().control());
            List<TopicPartition> all = new ArrayList<>(events);
            all.addAll(control);
            consumer.assign(all);
            consumer.seekToBeginning(events);
            consumer.pause(control);
            replayUntil = new HashMap<>(consumer.endOffsets(events));
            while (!closing) {
                var records = consumer.poll(Duration.ofMillis(200));
                boolean controlRead = false;
                for (ConsumerRecord<String, String> record : records) {
                    if (record.topic().equals(config.topics().control())) {
                        control(record);
                        controlRead = true;
                    } else {
                        event(record);
                    }
                }
                endTransaction();
                if (!records.isEmpty()) {
                    countSuts();
                }
                if (replaying() && caughtUp()) {
                    goLive(control);
                }
                if (!replaying()) {
                    if (controlRead) {
                        commitControl(control);
                    }
                    workers.check(java.time.Instant.now());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            // a batch whose transaction failed is not published: a coordinator started again replays it
            stopped(fenced(e) ? new FarmException("another coordinator started on this farm (namespace "
                    + config.topics().namespace() + ") and took over; this one stops", e) : e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Whether the producer was fenced, directly or as the cause of the error state a failed send left. */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

        private void endTransaction() {
        if (inTransaction) {
            producer.commitTransaction();
            inTransaction = false;
        }
    }

    private void stopped(RuntimeException e) {
        failure = e;
        config.log().accept("drover: coordinator stopped: " + (e instanceof FarmException ? e.getMessage() : e));
        live.countDown();
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private boolean caughtUp() {
        for (var entry : replayUntil.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void goLive(List<TopicPartition> control) {
        replayUntil = null;
        for (RunLedger ledger : runs.values()) {
            for (Job job : ledger.outstanding()) {
                ProducerRecord<String, String> record = new ProducerRecord<>(config.topics().jobs(), job.sut(),
                        JobCodec.write(job));
                record.headers().add(FarmTopics.RESENT_HEADER, new byte[] {1});
                send(record);
            }
        }
        // what the last coordinator decided (or would have, had it read the latest events) but did not publish
        unpublished.forEach((run, events) -> events.values().forEach(e -> send(config.topics().events(), run,
                EventCodec.write(e))));
        unpublished.clear();
        endTransaction();
        consumer.resume(control);
        live.countDown();
    }

    private void countSuts() {
        Map<String, Long> byState = new HashMap<>();
        for (RunLedger ledger : runs.values()) {
            for (SutView sut : ledger.suts()) {
                byState.merge(sut.state(), 1L, Long::sum);
            }
        }
        meters.suts(byState);
    }

    private boolean replaying() {
        return replayUntil != null;
    }

    /** The record read with {@code reader}, or null (and a line in the log) when it is not what it should be. */
    private <T> T decode(ConsumerRecord<String, String> record, Function<String, T> reader) {
        try {
            return reader.apply(record.value());
        } catch (IllegalArgumentException e) {
            config.log().accept("drover: skipped the record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage());
            return null;
        }
    }

    private void event(ConsumerRecord<String, String> record) {
        Event event = decode(record, EventCodec::read);
        if (event == null) {
            return;
        }
        if (event instanceof TestFinished finished && !replaying()) {
            meters.testFinished(finished);
        }
        if (event instanceof WorkerHeartbeat beat) {
            workers.heartbeat(beat);
            return;
        }
        String run = event.run();
        if (run == null || over.contains(run)) {
            return;
        }
        if (event instanceof RunCreated created) {
            runs.computeIfAbsent(run, r -> ledger(created));
            return;
        }
        RunLedger ledger = runs.get(run);
        if (ledger == null) {
            return;
        }
        RunLedger.Output output = RunLedger.Output.NONE;
        if (event instanceof TestPending pending) {
            output = ledger.pending(pending);
            meters.queued(run, pending.plan(), pending.test());
        } else if (event instanceof JobFinished end) {
            meters.jobFinished(end);
            output = ledger.jobFinished(end);
        } else if (event instanceof RunCancelled cancel) {
            output = ledger.cancelled(cancel);
        }
        if (event instanceof SutState || event instanceof TestVerdict || event instanceof RunFinished) {
            Map<Long, Event> made = unpublished.get(run);
            if (made != null) {
                made.remove(event.seq());
            }
        }
        output.jobs().forEach(job -> meters.dispatched(job, replaying()));
        for (Event made : output.events()) {
            if (made instanceof TestVerdict verdict) {
                meters.verdict(verdict, replaying());
            }
        }
        if (event instanceof RunFinished) {
            meters.runOver(run);
            runs.remove(run);
            unpublished.remove(run);
            over.add(run);
            return;
        }
        if (replaying()) {
            Map<Long, Event> made = unpublished.computeIfAbsent(run, r -> new TreeMap<>());
            output.events().forEach(e -> made.put(e.seq(), e));
        } else {
            publish(run, output);
        }
    }

    /** The run's ledger; submitters check the run's rules, so a bad one is only dropped with a line in the log. */
    private RunLedger ledger(RunCreated created) {
        try {
            return new RunLedger(created, config.knownIssues());
        } catch (IllegalArgumentException e) {
            config.log().accept("drover: run " + created.run() + ": " + e.getMessage()
                    + "; the run goes on without its own known-issue rules");
            return new RunLedger(new RunCreated(created.run(), created.seq(), created.ts(), created.tree(),
                    created.ref(), created.plans(), created.context(), created.tests(), created.pool(),
                    created.suts(), created.policy(), List.of()), config.knownIssues());
        }
    }

    private void control(ConsumerRecord<String, String> record) {
        ControlRequest request = decode(record, JobCodec::readControl);
        if (request == null) {
            return;
        }
        RunLedger ledger = runs.get(request.run());
        if (ledger == null || ledger.finished()) {
            return;
        }
        String reason = request.reason() == null || request.reason().isBlank()
                ? (request.wholeRun() ? "the run was cancelled" : "the test was cancelled") : request.reason();
        // numbered by the request's place on the control topic: the ledger's own numbers stay deterministic
        send(config.topics().events(), request.run(), EventCodec.write(new RunCancelled(request.run(),
                record.offset() + 1, Events.now(), request.plan(), request.test(), reason)));
    }

    private void commitControl(List<TopicPartition> control) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : control) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        consumer.commitAsync(offsets, null);
    }

    private void publish(String run, RunLedger.Output output) {
        output.events().forEach(e -> send(config.topics().events(), run, EventCodec.write(e)));
        output.jobs().forEach(this::publishJob);
    }

    private void publishJob(Job job) {
        send(config.topics().jobs(), job.sut(), JobCodec.write(job));
    }

    private void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** What this batch publishes goes out together when it ends ({@link #endTransaction}). */
    private void send(ProducerRecord<String, String> record) {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                config.log().accept("drover: cannot publish to " + record.topic() + ": " + e.getMessage());
            }
        });
    }

    /** Stops following; runs go on where they are and a coordinator started later takes them up. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        submissions.close(Duration.ofSeconds(5));
    }
}
