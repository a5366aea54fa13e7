package io.drover.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.event.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private static WorkerHeartbeat beat(String worker, Instant at) {
        return new WorkerHeartbeat(null, 1, at.toString(), worker, 10, 0);
    }

    @Test
    void aSilentWorkerIsReportedOnceAndItsReturnToo() {
        List<String> log = new ArrayList<>();
        WorkerWatch watch = new WorkerWatch(Duration.ofSeconds(20), log::add);
        watch.heartbeat(beat("w1", T0));
        watch.heartbeat(beat("w2", T0.plusSeconds(15)));
        watch.check(T0.plusSeconds(21));
        watch.check(T0.plusSeconds(30));
        assertThat(log).containsExactly(
                "drover: worker w1 silent for 21 s: its SUTs move to the other workers, which re-attach to its tests");
        assertThat(watch.silent()).containsExactly("w1");

        watch.heartbeat(beat("w1", T0.plusSeconds(31)));
        assertThat(log).last().isEqualTo("drover: worker w1 is back");
        assertThat(watch.silent()).isEmpty();
    }

    @Test
    void workersSilentForLongAreHistoryNotNews() {
        List<String> log = new ArrayList<>();
        WorkerWatch watch = new WorkerWatch(Duration.ofSeconds(20), log::add);
        watch.heartbeat(beat("old", T0));
        watch.check(T0.plus(WorkerWatch.FORGOTTEN).plusSeconds(1));
        assertThat(log).isEmpty();
    }
}
