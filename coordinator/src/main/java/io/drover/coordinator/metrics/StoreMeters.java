package io.drover.coordinator.metrics;

import io.drover.coordinator.store.EventStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** The result stores of this process as meters: records stored, and their consumers' lag. */
public final class StoreMeters {
    private StoreMeters() {
    }

    public static void register(MeterRegistry registry, List<EventStore> stores) {
        FunctionCounter.builder("drover_events_stored", stores, all -> all.stream().mapToLong(EventStore::stored).sum())
                .description("Records (events and output chunks) the result store wrote to PostgreSQL and committed")
                .register(registry);
        ConsumerLag.register(registry, "store",
                stores.stream().<Supplier<Map<MetricName, ? extends Metric>>>map(store -> store::consumerMetrics).toList());
    }
}
