package io.drover.coordinator.metrics;

import io.drover.event.JobFinished;
import io.drover.event.TestFinished;
import io.drover.event.TestVerdict;
import io.drover.job.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's view of its runs as meters: tests queued and running, tests finished by status, how long a test
 * waited to be dispatched, how long tests ran, SUTs by state. Fed by the coordinator's one thread, in the order it
 * reads the events and makes the jobs; the gauges are read by whoever scrapes.
 */
public final class ScheduleMeters {
    /** The states a SUT of a run is in ({@code SutView}); each has a series, zero when no SUT is in it. */
    public static final List<String> SUT_STATES = List.of("ready", "busy", "broken", "released");
    private static final Duration[] DISPATCH_BUCKETS = seconds(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600);
    private static final Duration[] DURATION_BUCKETS = seconds(1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200);

    private final MeterRegistry registry;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final Map<String, AtomicLong> suts = new ConcurrentHashMap<>();
    private final Timer dispatchLatency;
    /** The tests of unfinished runs that have no verdict yet, by run, then plan NUL test. */
    private final Map<String, Map<String, Waiting>> tests = new HashMap<>();

    /** A test without a verdict: queued since {@code since} (nanos), or running job {@code job}. */
    private record Waiting(long since, String job) {
    }

    public ScheduleMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("drover_tests_queued", queued, AtomicLong::get)
                .description("Tests waiting for a SUT: recorded or retried, their job not published yet").register(registry);
        Gauge.builder("drover_tests_running", running, AtomicLong::get)
                .description("Tests whose job is published and has not ended").register(registry);
        for (String state : SUT_STATES) {
            AtomicLong count = suts.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("drover_suts", count, AtomicLong::get).tag("state", state)
                    .description("SUTs of the unfinished runs, by state").register(registry);
        }
        dispatchLatency = Timer.builder("drover_dispatch_latency")
                .description("From a test being queued (recorded, or retried) to its job being published")
                .serviceLevelObjectives(DISPATCH_BUCKETS).register(registry);
    }

    /** A test of a run was recorded ({@code test.pending}). */
    public void queued(String run, String plan, String test) {
        Waiting before = tests.computeIfAbsent(run, r -> new HashMap<>()).put(key(plan, test), new Waiting(System.nanoTime(), null));
        if (before == null) {
            queued.incrementAndGet();
        }
    }

    /** The coordinator published a job (or, replaying, would have); only test jobs count. */
    public void dispatched(Job job, boolean replaying) {
        if (job.test() == null) {
            return;
        }
        Map<String, Waiting> run = tests.get(job.run());
        String key = key(job.plan(), job.test());
        Waiting waiting = run == null ? null : run.get(key);
        if (waiting == null || waiting.job() != null) {
            return;
        }
        run.put(key, new Waiting(0, job.id()));
        queued.decrementAndGet();
        running.incrementAndGet();
        if (!replaying) {
            dispatchLatency.record(System.nanoTime() - waiting.since(), TimeUnit.NANOSECONDS);
        }
    }

    /** A job ended: a test's goes back to the queue until its verdict says it is over. */
    public void jobFinished(JobFinished end) {
        Map<String, Waiting> run = end.test() == null ? null : tests.get(end.run());
        String key = key(end.plan(), end.test());
        Waiting waiting = run == null ? null : run.get(key);
        if (waiting != null && end.job().equals(waiting.job())) {
            run.put(key, new Waiting(System.nanoTime(), null));
            running.decrementAndGet();
            queued.incrementAndGet();
        }
    }

    /** The coordinator made a test's final verdict; counted once live (a replay decides the same again). */
    public void verdict(TestVerdict verdict, boolean replaying) {
        Map<String, Waiting> run = tests.get(verdict.run());
        Waiting waiting = run == null ? null : run.remove(key(verdict.plan(), verdict.test()));
        if (waiting != null) {
            (waiting.job() == null ? queued : running).decrementAndGet();
        }
        if (!replaying) {
            Counter.builder("drover_tests_finished").tag("status", String.valueOf(verdict.status()))
                    .description("Tests given their final verdict, by status").register(registry).increment();
        }
    }

    /** An attempt ended on a worker ({@code test.finished}), read live. */
    public void testFinished(TestFinished finished) {
        Timer.builder("drover_test_duration").tag("status", String.valueOf(finished.status()))
                .description("How long test attempts ran on their SUTs, by the attempt's status")
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry)
                .record(Math.max(0, finished.durationMs()), TimeUnit.MILLISECONDS);
    }

    /** The run is over: whatever of it was still counted is not any more. */
    public void runOver(String run) {
        Map<String, Waiting> left = tests.remove(run);
        if (left == null) {
            return;
        }
        for (Iterator<Waiting> it = left.values().iterator(); it.hasNext(); ) {
            (it.next().job() == null ? queued : running).decrementAndGet();
        }
    }

    /** The SUTs of the unfinished runs now, by state. */
    public void suts(Map<String, Long> byState) {
        suts.forEach((state, count) -> count.set(byState.getOrDefault(state, 0L)));
    }

    private static String key(String plan, String test) {
        return plan + '\0' + test;
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return out;
    }
}
