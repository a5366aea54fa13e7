package io.drover.coordinator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A consumer's lag as one gauge: the records between its position and the end of each partition it reads, summed
 * over its partitions, as the consumer itself measures them on every fetch ({@code records-lag}). Reading a
 * consumer's metrics is safe from any thread.
 */
public final class ConsumerLag {
    private ConsumerLag() {
    }

    /** {@code drover_kafka_consumer_lag_records{consumer=NAME}}: the lag of {@code consumers} summed. */
    public static void register(MeterRegistry registry, String name,
                                List<Supplier<Map<MetricName, ? extends Metric>>> consumers) {
        Gauge.builder("drover_kafka_consumer_lag_records", () -> lag(consumers)).tag("consumer", name)
                .description("Records not yet read by the consumer, summed over its partitions").register(registry);
    }

    static double lag(List<Supplier<Map<MetricName, ? extends Metric>>> consumers) {
        double sum = 0;
        for (Supplier<Map<MetricName, ? extends Metric>> consumer : consumers) {
            for (var entry : consumer.get().entrySet()) {
                MetricName name = entry.getKey();
                // the per-partition lag; the per-topic and overall ones are maxima, not sums
                if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                        && name.tags().containsKey("partition")
                        && entry.getValue().metricValue() instanceof Number value && Double.isFinite(value.doubleValue())) {
                    sum += value.doubleValue();
                }
            }
        }
        return sum;
    }
}
