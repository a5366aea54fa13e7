package io.drover.coordinator.health;

import java.time.Duration;

/** Something a process needs in order to serve: Kafka, PostgreSQL. */
public interface HealthCheck {
    /** What is checked, as {@code /health/ready} names it. */
    String name();

    /** Returns when it answers within {@code timeout}; throws, saying why, when it does not. Blocks. */
    void check(Duration timeout) throws Exception;
}
