package io.drover.coordinator.farm;

import io.drover.event.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which workers are alive, from the times their heartbeats carry (so a coordinator that replayed the log
 * knows the workers the last one saw): one that falls silent is reported once. Kafka's group protocol moves
 * its SUTs to the other workers, which re-attach to its running tests. Workers silent for longer than
 * {@link #FORGOTTEN} are old history, not news, and are not reported.
 */
final class WorkerWatch {
    static final Duration FORGOTTEN = Duration.ofMinutes(10);

    private final Duration silence;
    private final Consumer<String> log;
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final Set<String> silent = new HashSet<>();

    WorkerWatch(Duration silence, Consumer<String> log) {
        this.silence = silence;
        this.log = log;
    }

    void heartbeat(WorkerHeartbeat beat) {
        Instant at;
        try {
            at = Instant.parse(beat.ts());
        } catch (DateTimeParseException e) {
            return;
        }
        lastSeen.merge(beat.worker(), at, (a, b) -> a.isAfter(b) ? a : b);
        if (silent.remove(beat.worker())) {
            log.accept("drover: worker " + beat.worker() + " is back");
        }
    }

    void check(Instant now) {
        lastSeen.entrySet().removeIf(entry -> Duration.between(entry.getValue(), now).compareTo(FORGOTTEN) > 0);
        lastSeen.forEach((worker, seen) -> {
            Duration quiet = Duration.between(seen, now);
            if (quiet.compareTo(silence) > 0 && silent.add(worker)) {
                log.accept("drover: worker " + worker + " silent for " + quiet.toSeconds()
                        + " s: its SUTs move to the other workers, which re-attach to its tests");
            }
        });
    }

    Set<String> silent() {
        return Set.copyOf(silent);
    }
}
