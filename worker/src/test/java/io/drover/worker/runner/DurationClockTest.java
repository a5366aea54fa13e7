package io.drover.worker.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.control.DurationCommand;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DurationClockTest {
    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1000 * S);
    private final DurationClock clock = new DurationClock(300, now::get);

    private boolean apply(String word) {
        return clock.apply(DurationCommand.parse(word));
    }

    @Test
    void setResetsTheClockFromNow() {
        now.addAndGet(100 * S);
        assertThat(apply("10m")).isTrue();
        assertThat(clock.remainingSeconds()).isEqualTo(600);
    }

    @Test
    void plusAndMinusMoveTheDeadlineWithoutResettingIt() {
        now.addAndGet(100 * S);
        apply("+1m");
        assertThat(clock.remainingSeconds()).isEqualTo(260);
        apply("-4m");
        assertThat(clock.remainingSeconds()).isEqualTo(20);
        apply("-1m");
        assertThat(clock.remainingSeconds()).isZero();
        assertThat(clock.remainingNanos()).isEqualTo(-40 * S);
    }

    @Test
    void restoreGivesBackTheTimeLeftAtTheOutermostSave() {
        now.addAndGet(100 * S);
        assertThat(apply("save")).isFalse();
        now.addAndGet(50 * S);
        apply("save");
        now.addAndGet(50 * S);
        assertThat(apply("restore")).isFalse();
        assertThat(clock.remainingSeconds()).isEqualTo(100);
        now.addAndGet(30 * S);
        assertThat(apply("restore")).isTrue();
        assertThat(clock.remainingSeconds()).isEqualTo(200);
    }

    @Test
    void restoreWithoutSaveIsIgnored() {
        assertThat(apply("restore")).isFalse();
        assertThat(clock.remainingSeconds()).isEqualTo(300);
    }

    @Test
    void partialSecondsRoundUp() {
        now.addAndGet(S / 2);
        assertThat(clock.remainingSeconds()).isEqualTo(300);
    }
}
