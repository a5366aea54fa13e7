package io.drover.coordinator.farm;

import io.drover.event.WorkerHeartbeat;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which workers are alive, from their heartbeats: one that falls silent is reported once. Kafka's
 * group protocol moves its SUTs to the other workers, which re-attach to its running tests.
 */
final class WorkerWatch {
    private final long silenceNanos;
    private final Consumer<String> log;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Set<String> silent = new HashSet<>();

    WorkerWatch(Duration silence, Consumer<String> log) {
        this.silenceNanos = silence.toNanos();
        this.log = log;
    }

    void heartbeat(WorkerHeartbeat beat) {
        lastSeen.put(beat.worker(), System.nanoTime());
        if (silent.remove(beat.worker())) {
            log.accept("drover: worker " + beat.worker() + " is back");
        }
    }

    void check() {
        long now = System.nanoTime();
        lastSeen.forEach((worker, seen) -> {
            if (now - seen > silenceNanos && silent.add(worker)) {
                log.accept("drover: worker " + worker + " silent for " + Duration.ofNanos(now - seen).toSeconds()
                        + " s: its SUTs move to the other workers, which re-attach to its tests");
            }
        });
    }

    Set<String> silent() {
        return Set.copyOf(silent);
    }
}
