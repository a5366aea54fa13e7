package io.drover.worker.farm;

import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.OutputChunk;
import io.drover.event.WorkerHeartbeat;
import io.drover.job.FarmTopics;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Events to {@code drover.events} and output to {@code drover.output}, each keyed by its run. */
final class KafkaEventSink implements EventSink {
    private final Producer<String, String> producer;
    private final FarmTopics topics;
    private final PrintStream log;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Callback told = (metadata, e) -> told(e);

    KafkaEventSink(Producer<String, String> producer, FarmTopics topics, PrintStream log) {
        this.producer = producer;
        this.topics = topics;
        this.log = log;
    }

    @Override
    public void event(Event event) {
        String key = event instanceof WorkerHeartbeat beat ? beat.worker() : event.run();
        producer.send(new ProducerRecord<>(topics.events(), key, EventCodec.write(event)), told);
    }

    @Override
    public void output(OutputChunk chunk) {
        producer.send(new ProducerRecord<>(topics.output(), chunk.run(), EventCodec.write(chunk)), told);
    }

    /** One line when publishing starts failing and one when it works again, not one per record. */
    private void told(Exception e) {
        if (e != null && failing.compareAndSet(false, true)) {
            log.println("drover: worker: cannot publish: " + e.getMessage());
        } else if (e == null && failing.compareAndSet(true, false)) {
            log.println("drover: worker: publishing again");
        }
    }
}
