package io.drover.coordinator.farm;

import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.OutputChunk;
import io.drover.event.RunFinished;
import io.drover.job.FarmTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows one run's events, and its output if asked, as they are published, from the start of the run or after an
 * event: reads the run's partitions
 * of the events and output topics (those its id is hashed to, as producers key them) from their beginning, keeps
 * what is the run's, and stops after its {@code run.finished} once the output published until then is read. An
 * event's offset in its partition numbers it: following again after an offset resumes after that event.
 */
public final class RunTail implements AutoCloseable {
    /** What a tail hands on, on the calling thread. */
    @FunctionalInterface
    public interface Listener {
        /** An event of the run, the line its producer wrote, and its offset in the run's partition of events. */
        void event(Event event, String line, long offset);

        /** A chunk of the run's output, for a tail that follows output. */
        default void output(OutputChunk chunk) {
        }

        /**
         * When the run's partition has been read to its end, from where the tail started, without one event of the run:
         * once, and only then.
         */
        default void nothing() {
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_AHEAD = 2000;

    private final KafkaConsumer<String, String> consumer;
    private final String run;
    private final TopicPartition events;
    private final TopicPartition output;
    /** Records of the run read and not handed on yet, per partition, in offset order. */
    private final ArrayDeque<ConsumerRecord<String, String>> eventsAhead = new ArrayDeque<>();
    private final ArrayDeque<ConsumerRecord<String, String>> outputAhead = new ArrayDeque<>();
    private volatile boolean stopped;
    private boolean caughtUp;
    private boolean handedAny;

    /** A tail of the run's events and output from its start. */
    public RunTail(String bootstrap, Map<String, Object> kafka, FarmTopics topics, String run) {
        this(bootstrap, kafka, topics, run, true, -1);
    }

    /**
     * A tail of the run's events after the one at offset {@code after} (-1: from the start), and of its output too
     * when {@code withOutput}.
     */
    public RunTail(String bootstrap, Map<String, Object> kafka, FarmTopics topics, String run, boolean withOutput,
                   long after) {
        this.run = run;
        this.consumer = FarmClients.consumer(bootstrap, kafka, "drover-tail-" + run, null);
        this.events = partitionOf(topics.events(), run);
        this.output = withOutput ? partitionOf(topics.output(), run) : null;
        consumer.assign(withOutput ? List.of(events, output) : List.of(events));
        if (after < 0) {
            consumer.seekToBeginning(consumer.assignment());
        } else {
            consumer.seek(events, after + 1);
            if (withOutput) {
                consumer.seekToBeginning(List.of(output));
            }
        }
    }

    private TopicPartition partitionOf(String topic, String key) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20));
        if (partitions == null || partitions.isEmpty()) {
            throw new FarmException("the farm has no topic " + topic + ": is a coordinator running there?");
        }
        return new TopicPartition(topic, BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8),
                partitions.size()));
    }

    /**
     * Hands on the run's events and output until its end; returns its {@code run.finished}, or null if stopped. The
     * two partitions are handed on merged by the records' timestamps, so that a tail started late shows each test's
     * output between its events, as a tail started early does: a record waits until the other partition has one as
     * old, or has nothing left to read.
     */
    public RunFinished follow(Listener listener) {
        RunFinished finished = null;
        long outputEnd = -1;
        try {
            while (!stopped && (finished == null
                    || output != null && (consumer.position(output) < outputEnd || !outputAhead.isEmpty()))) {
                var records = consumer.poll(POLL);
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, String> record : records.records(partition)) {
                        if (run.equals(record.key())) {
                            ahead(partition).add(record);
                        }
                    }
                }
                for (ConsumerRecord<String, String> record = next(); record != null; record = next()) {
                    RunFinished end = hand(record, listener);
                    if (end != null && finished == null) {
                        finished = end;
                        outputEnd = output == null ? -1 : consumer.endOffsets(List.of(output)).get(output);
                    }
                }
                if (!caughtUp && eventsAhead.isEmpty() && readAll(events)) {
                    caughtUp = true;
                    if (!handedAny) {
                        listener.nothing();
                    }
                }
                throttle(events, eventsAhead);
                if (output != null) {
                    throttle(output, outputAhead);
                }
            }
        } catch (WakeupException e) {
            return null;
        }
        return stopped ? null : finished;
    }

    private ArrayDeque<ConsumerRecord<String, String>> ahead(TopicPartition partition) {
        return partition.equals(output) ? outputAhead : eventsAhead;
    }

    /** The oldest record that no record still to be read can precede; null while there may be one. */
    private ConsumerRecord<String, String> next() {
        ConsumerRecord<String, String> event = eventsAhead.peek();
        ConsumerRecord<String, String> chunk = outputAhead.peek();
        if (event != null && chunk != null) {
            return (event.timestamp() <= chunk.timestamp() ? eventsAhead : outputAhead).poll();
        }
        if (event != null && (output == null || readAll(output))) {
            return eventsAhead.poll();
        }
        if (chunk != null && readAll(events)) {
            return outputAhead.poll();
        }
        return null;
    }

    private boolean readAll(TopicPartition partition) {
        OptionalLong lag = consumer.currentLag(partition);
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    /** Stops fetching a partition that is far ahead of the other, so that what waits stays bounded. */
    private void throttle(TopicPartition partition, ArrayDeque<ConsumerRecord<String, String>> ahead) {
        if (ahead.size() > MAX_AHEAD) {
            consumer.pause(List.of(partition));
        } else if (ahead.size() < MAX_AHEAD / 2 && consumer.paused().contains(partition)) {
            consumer.resume(List.of(partition));
        }
    }

    /** Hands a record on; returns the run's end when it is that. */
    private RunFinished hand(ConsumerRecord<String, String> record, Listener listener) {
        try {
            if (record.topic().equals(events.topic())) {
                Event event = EventCodec.read(record.value());
                handedAny = true;
                listener.event(event, record.value(), record.offset());
                return event instanceof RunFinished end ? end : null;
            }
            listener.output(EventCodec.readChunk(record.value()));
        } catch (IllegalArgumentException e) {
            // not an event: nothing to show
        }
        return null;
    }

    /** Makes {@link #follow} return null soon; callable from any thread. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
