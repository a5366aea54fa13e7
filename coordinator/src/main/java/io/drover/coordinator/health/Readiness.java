package io.drover.coordinator.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Whether every check passes, asked at most about once per {@code maxAge}: answers within that age are reused, so
 * that probes (and many of them at once) cost the checked services one request per second at most.
 */
public final class Readiness {
    /** What the checks said: each failing check's name and why. Ready when none failed. */
    public record Answer(Map<String, String> failing, long atNanos) {
        public boolean ready() {
            return failing.isEmpty();
        }
    }

    private final List<HealthCheck> checks;
    private final Duration timeout;
    private final Duration maxAge;
    private Answer last;

    public Readiness(List<HealthCheck> checks, Duration timeout, Duration maxAge) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.maxAge = maxAge;
    }

    public List<String> names() {
        return checks.stream().map(HealthCheck::name).toList();
    }

    /** The latest answer while it is fresh, else a new one. Blocks while checking; one caller checks at a time. */
    public synchronized Answer answer() {
        if (last != null && System.nanoTime() - last.atNanos() < maxAge.toNanos()) {
            return last;
        }
        Map<String, String> failing = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            try {
                check.check(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failing.put(check.name(), "interrupted");
            } catch (Exception e) {
                failing.put(check.name(), why(e));
            }
        }
        last = new Answer(Map.copyOf(failing), System.nanoTime());
        return last;
    }

    private String why(Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}
