package io.drover.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.control.DurationCommand.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationCommandTest {
    @Test
    void aBareSpecSetsANewLimitInSecondsByDefault() {
        assertThat(DurationCommand.parse("30")).isEqualTo(new DurationCommand(Kind.SET, 30));
        assertThat(DurationCommand.parse("30s")).isEqualTo(new DurationCommand(Kind.SET, 30));
        assertThat(DurationCommand.parse("5m")).isEqualTo(new DurationCommand(Kind.SET, 300));
        assertThat(DurationCommand.parse("2h")).isEqualTo(new DurationCommand(Kind.SET, 7200));
        assertThat(DurationCommand.parse("1d")).isEqualTo(new DurationCommand(Kind.SET, 86400));
        assertThat(DurationCommand.parse("0")).isEqualTo(new DurationCommand(Kind.SET, 0));
        assertThat(DurationCommand.parse("007m").duration()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void signsMoveTheDeadline() {
        assertThat(DurationCommand.parse("+60")).isEqualTo(new DurationCommand(Kind.PLUS, 60));
        assertThat(DurationCommand.parse("-1m")).isEqualTo(new DurationCommand(Kind.MINUS, 60));
        assertThat(DurationCommand.parse("+1d")).isEqualTo(new DurationCommand(Kind.PLUS, 86400));
    }

    @Test
    void saveAndRestoreCarryNoAmount() {
        assertThat(DurationCommand.parse("save")).isEqualTo(new DurationCommand(Kind.SAVE, 0));
        assertThat(DurationCommand.parse("restore")).isEqualTo(new DurationCommand(Kind.RESTORE, 0));
    }

    @Test
    void onlyTheFmfSpecIsAccepted() {
        for (String bad : new String[] {"", "+", "-", "s", "5ms", "5M", "1.5h", "1h 30m", "1h30m", " 5", "5 ", "+-5",
            "++5", "*2", "5*2", "refresh", "Save", "٣"}) {
            assertThatThrownBy(() -> DurationCommand.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("duration: ");
        }
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertThatThrownBy(() -> DurationCommand.parse("9223372036854775807m")).hasMessage("duration: too large: '9223372036854775807m'");
        assertThatThrownBy(() -> DurationCommand.parse("99999999999999999999")).hasMessageContaining("too large");
        assertThat(DurationCommand.parse("9223372036854775807").seconds()).isEqualTo(Long.MAX_VALUE);
    }
}
