package io.drover.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.event.JobFinished;
import io.drover.event.TestVerdict;
import io.drover.job.Job;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the coordinator's schedule moves its gauges and counters: pure logic, fed as the coordinator feeds it. */
class ScheduleMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScheduleMeters meters = new ScheduleMeters(registry);

    @Test
    void aTestIsQueuedThenRunningThenQueuedAgainForItsRetryThenFinished() {
        meters.queued("r", "/p", "/a");
        meters.queued("r", "/p", "/b");
        assertThat(gauge("drover_tests_queued")).isEqualTo(2);

        meters.dispatched(testJob("r/s1/1", "/a"), false);
        meters.dispatched(new Job(Job.PREPARE, "r", "r/s2/1", "s2", "local", "/t", null, Map.of(), "/p", null, 0, 0,
                "ts", List.of()), false);
        assertThat(gauge("drover_tests_queued")).isEqualTo(1);
        assertThat(gauge("drover_tests_running")).isEqualTo(1);
        assertThat(registry.get("drover_dispatch_latency").timer().count()).isEqualTo(1);

        // its attempt failed and is retried: back in the queue, then out again
        meters.jobFinished(end("r/s1/1", "/a"));
        assertThat(gauge("drover_tests_queued")).isEqualTo(2);
        assertThat(gauge("drover_tests_running")).isZero();
        meters.dispatched(testJob("r/s1/2", "/a"), false);
        meters.jobFinished(end("r/s1/1", "/a")); // a duplicate end of the first attempt changes nothing
        assertThat(gauge("drover_tests_running")).isEqualTo(1);

        meters.jobFinished(end("r/s1/2", "/a"));
        meters.verdict(verdict("/a", "pass"), false);
        assertThat(gauge("drover_tests_queued")).isEqualTo(1);
        assertThat(gauge("drover_tests_running")).isZero();
        assertThat(registry.get("drover_tests_finished").tag("status", "pass").counter().count()).isEqualTo(1);

        meters.runOver("r");
        assertThat(gauge("drover_tests_queued")).isZero();
    }

    @Test
    void aReplayRebuildsTheGaugesWithoutCountingAgain() {
        meters.queued("r", "/p", "/a");
        meters.dispatched(testJob("r/s1/1", "/a"), true);
        assertThat(gauge("drover_tests_running")).isEqualTo(1);
        meters.jobFinished(end("r/s1/1", "/a"));
        meters.verdict(verdict("/a", "fail"), true);
        assertThat(gauge("drover_tests_running") + gauge("drover_tests_queued")).isZero();
        assertThat(registry.find("drover_tests_finished").counter()).isNull();
        assertThat(registry.get("drover_dispatch_latency").timer().count()).isZero();
    }

    @Test
    void sutsAreCountedByStateWithEveryStateShown() {
        meters.suts(Map.of("busy", 3L, "ready", 1L));
        assertThat(registry.get("drover_suts").tag("state", "busy").gauge().value()).isEqualTo(3);
        assertThat(registry.get("drover_suts").tag("state", "broken").gauge().value()).isZero();
        meters.suts(Map.of());
        assertThat(registry.get("drover_suts").tag("state", "busy").gauge().value()).isZero();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static Job testJob(String id, String test) {
        return new Job(Job.TEST, "r", id, "s1", "local", "/t", null, Map.of(), "/p", test, 1, 1, "ts", List.of());
    }

    private static JobFinished end(String job, String test) {
        return new JobFinished("r", 1, "ts", job, Job.TEST, "s1", "/p", test, 1, 1, "fail", "test", "", "w", List.of());
    }

    private static TestVerdict verdict(String test, String status) {
        return new TestVerdict("r", test, 1, 9, "ts", "/p", 1, status, null, "", false, null);
    }
}
