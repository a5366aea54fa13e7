package io.drover.tmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TmtDurationTest {
    @Test
    void unitsDefaultToSeconds() {
        assertThat(TmtDuration.toSeconds("30")).isEqualTo(30);
        assertThat(TmtDuration.toSeconds("5m")).isEqualTo(300);
        assertThat(TmtDuration.toSeconds("2h")).isEqualTo(7200);
        assertThat(TmtDuration.toSeconds("1d")).isEqualTo(86400);
    }

    @Test
    void tokensAreSummedWithOrWithoutSpaces() {
        assertThat(TmtDuration.toSeconds("1h 30m")).isEqualTo(5400);
        assertThat(TmtDuration.toSeconds("1s1h1m")).isEqualTo(3661);
        assertThat(TmtDuration.toSeconds("1h 3h 2m 3")).isEqualTo(4 * 3600 + 120 + 3);
    }

    @Test
    void plusConcatenationFromDurationPlusIsASum() {
        assertThat(TmtDuration.toSeconds("1s+10s")).isEqualTo(11);
        assertThat(TmtDuration.toSeconds("5m+1m")).isEqualTo(360);
    }

    @Test
    void multipliersApplyLastAndRoundUp() {
        assertThat(TmtDuration.toSeconds("1m*2.5")).isEqualTo(150);
        assertThat(TmtDuration.toSeconds("*3 2s *4")).isEqualTo(24);
        assertThat(TmtDuration.toSeconds("1s*1.5")).isEqualTo(2);
    }

    @Test
    void nonsenseIsRejectedWithTheText() {
        assertThatThrownBy(() -> TmtDuration.toSeconds("5 minutes")).hasMessageContaining("'5 minutes'");
        assertThatThrownBy(() -> TmtDuration.toSeconds("*2")).hasMessageContaining("no amount");
        assertThatThrownBy(() -> TmtDuration.toSeconds("")).isInstanceOf(IllegalArgumentException.class);
    }
}
