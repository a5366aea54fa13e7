package io.drover.coordinator.farm;

import io.drover.event.EventCodec;
import io.drover.event.Events;
import io.drover.job.ControlRequest;
import io.drover.job.JobCodec;
import io.drover.event.TestPending;
import io.drover.job.FarmTopics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Submits runs: splits them ({@link RunIntake}) and publishes {@code run.created} and every
 * {@code test.pending} on the run's partition of {@code drover.events}, where the coordinator takes
 * them up; and asks for cancels. Used by the coordinator's HTTP API and by {@code drover run}. Thread-safe.
 */
public final class RunSubmitter {
    private final KafkaProducer<String, String> producer;
    private final FarmTopics topics;

    public RunSubmitter(KafkaProducer<String, String> producer, FarmTopics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /**
     * Publishes the split run and waits until Kafka has all of it; returns where its {@code run.created} is,
     * from where a {@link RunTail} follows the run.
     */
    public RecordMetadata submit(RunIntake.SplitRun split) {
        String run = split.runId();
        Future<RecordMetadata> first = producer.send(new ProducerRecord<>(topics.events(), run,
                EventCodec.write(split.created())));
        Future<RecordMetadata> last = null;
        for (TestPending test : split.tests()) {
            last = producer.send(new ProducerRecord<>(topics.events(), run, EventCodec.write(test)));
        }
        producer.flush();
        try {
            if (last != null) {
                last.get();
            }
            return first.get();
        } catch (ExecutionException e) {
            throw new FarmException("cannot submit run " + run + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FarmException("interrupted while submitting run " + run, e);
        }
    }

    /** Asks for a cancel of a whole run (plan and test null) or of one test, on the control topic. */
    public void cancel(String run, String plan, String test, String reason) {
        producer.send(new ProducerRecord<>(topics.control(), run, JobCodec.write(
                new ControlRequest(ControlRequest.CANCEL, run, plan, test, reason, Events.now()))));
        producer.flush();
    }
}
