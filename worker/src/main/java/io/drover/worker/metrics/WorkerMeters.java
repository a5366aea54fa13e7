package io.drover.worker.metrics;

import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.OutputChunk;
import io.drover.event.TestFinished;
import io.drover.sut.SutAddress;
import io.drover.worker.farm.EventSink;
import io.drover.worker.farm.SutConnector;
import io.drover.worker.sut.SutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A worker's meters, counted where its work passes through: the connections it opens to SUTs, and the events it
 * publishes (a job's or a test attempt's end).
 */
public final class WorkerMeters {
    private static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2)};
    private final MeterRegistry registry;

    public WorkerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code connector}, counting the SSH connections it opens and fails to open, by host. */
    public SutConnector counting(SutConnector connector) {
        return address -> {
            String host = address instanceof SutAddress.Ssh ssh ? ssh.port() == 22 ? ssh.host() : ssh.host() + ":" + ssh.port()
                    : null;
            try {
                var connection = connector.open(address);
                if (host != null) {
                    counter("drover_ssh_connects", "SSH connections opened to SUTs", host).increment();
                }
                return connection;
            } catch (SutException | RuntimeException e) {
                if (host != null) {
                    counter("drover_ssh_connect_failures", "SSH connections to SUTs that failed to open or to set up",
                            host).increment();
                }
                throw e;
            }
        };
    }

    /** {@code sink}, counting the ends of jobs and the durations of test attempts that go through it. */
    public EventSink counting(EventSink sink) {
        return new EventSink() {
            @Override
            public void event(Event event) {
                sink.event(event);
                if (event instanceof JobFinished end) {
                    Counter.builder("drover_worker_jobs_finished").tag("kind", String.valueOf(end.kind()))
                            .tag("status", String.valueOf(end.status()))
                            .description("Jobs this worker ran to their end, by kind and status")
                            .register(registry).increment();
                } else if (event instanceof TestFinished finished) {
                    Timer.builder("drover_worker_test_duration").tag("status", String.valueOf(finished.status()))
                            .description("How long the test attempts this worker ran took, by status")
                            .serviceLevelObjectives(DURATION_BUCKETS).register(registry)
                            .record(Math.max(0, finished.durationMs()), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void output(OutputChunk chunk) {
                sink.output(chunk);
            }
        };
    }

    private Counter counter(String name, String description, String host) {
        return Counter.builder(name).tag("host", host).description(description).register(registry);
    }
}
