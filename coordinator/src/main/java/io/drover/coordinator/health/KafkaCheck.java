package io.drover.coordinator.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka answers: a broker of the cluster describes it. One admin client, kept for every check. */
public final class KafkaCheck implements HealthCheck, AutoCloseable {
    private final Admin admin;

    public KafkaCheck(String bootstrap, Map<String, Object> kafka) {
        Map<String, Object> properties = new HashMap<>(kafka);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "drover-health");
        // a broker that went away is tried again soon after it comes back, not after Kafka's default backoff
        properties.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(properties);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void check(Duration timeout) throws Exception {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
