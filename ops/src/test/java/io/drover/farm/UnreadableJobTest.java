package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coordinator.farm.FarmClients;
import io.drover.event.Event;
import io.drover.event.EventCodec;
import io.drover.event.JobFinished;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A worker given a job it cannot read (from a newer coordinator) ends it as a protocol failure, so that the
 * coordinator does not wait for it forever.
 */
class UnreadableJobTest {
    @Test
    void aJobOfANewerVersionEndsAsAProtocolFailure() throws Exception {
        try (FarmFixture farm = new FarmFixture(1)) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            farm.startWorker("w1", 1, Duration.ofSeconds(1));
            String job = "{\"v\":2,\"type\":\"test\",\"run\":\"r-future\",\"id\":\"r-future/s1/1\",\"sut\":\"s1\","
                    + "\"plan\":\"/plans/a\",\"test\":\"/tests/t\",\"serial\":1,\"attempt\":1,\"newKey\":true}";
            farm.producer.send(new ProducerRecord<>(farm.topics.jobs(), "r-future", job)).get();
            farm.producer.send(new ProducerRecord<>(farm.topics.jobs(), "r-future", "not a job")).get();

            JobFinished end = awaitJobFinished(farm, "r-future");
            assertThat(end.job()).isEqualTo("r-future/s1/1");
            assertThat(end.kind()).isEqualTo("test");
            assertThat(end.test()).isEqualTo("/tests/t");
            assertThat(end.attempt()).isEqualTo(1);
            assertThat(end.status()).isEqualTo("infra");
            assertThat(end.failureClass()).isEqualTo("protocol");
            assertThat(end.reason()).isEqualTo("worker w1 cannot read the job: bad job: version 2 is newer than this "
                    + "Drover reads (1)");
            assertThat(farm.log).noneMatch(line -> line.contains("Exception"));
            farm.passed();
        }
    }

    private static JobFinished awaitJobFinished(FarmFixture farm, String run) {
        try (KafkaConsumer<String, String> events = FarmClients.consumer(farm.bootstrap, Map.of(), "test", null)) {
            List<TopicPartition> partitions = events.partitionsFor(farm.topics.events()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            events.assign(partitions);
            events.seekToBeginning(partitions);
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(200))) {
                    if (run.equals(record.key())) {
                        Event event = EventCodec.read(record.value());
                        if (event instanceof JobFinished finished) {
                            return finished;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no job.finished of run " + run + " within 60 s");
    }
}
