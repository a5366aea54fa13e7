package io.drover.coordinator.farm;

import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.RunFinished;
import io.drover.job.FarmTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows one run's events from its {@code run.created} to its {@code run.finished}: reads only the run's
 * partition of the events topic, from where the run begins, and hands each of the run's events to a
 * listener on the calling thread.
 */
public final class RunWatch implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final String run;
    private volatile boolean stopped;

    /**
     * @param partition the partition of {@code drover.events} the run is on
     * @param from      the offset of its {@code run.created}
     */
    public RunWatch(String bootstrap, Map<String, Object> kafka, FarmTopics topics, String run, int partition,
                    long from) {
        this.run = run;
        this.consumer = FarmClients.consumer(bootstrap, kafka, "drover-watch-" + run, null);
        TopicPartition tp = new TopicPartition(topics.events(), partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
    }

    /** Calls {@code listener} for each event of the run until its {@code run.finished}; returns that. */
    public RunFinished follow(Consumer<Event> listener) {
        return followLines((line, event) -> listener.accept(event));
    }

    /** The same, handing the listener each event with the line its producer wrote. */
    public RunFinished followLines(BiConsumer<String, Event> listener) {
        try {
            while (!stopped) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!run.equals(record.key())) {
                        continue;
                    }
                    Event event;
                    try {
                        event = EventCodec.read(record.value());
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    listener.accept(record.value(), event);
                    if (event instanceof RunFinished finished) {
                        return finished;
                    }
                }
            }
        } catch (WakeupException e) {
            // stopped
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
