package io.drover.worker.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LastLineTest {
    private static LastLine of(String text) {
        LastLine last = new LastLine();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        last.write(bytes, 0, bytes.length);
        return last;
    }

    @Test
    void keepsTheLastNonBlankLine() {
        assertThat(of("first\nsecond\n\n  \n").line()).isEqualTo("second");
        assertThat(of("first\nunfinished").line()).isEqualTo("unfinished");
        assertThat(of("").line()).isEmpty();
    }

    @Test
    void remembersTheEndOfLongOutput() {
        assertThat(of("x\n".repeat(200_000) + "drover: cannot install: nope\n").line())
                .isEqualTo("drover: cannot install: nope");
    }

    @Test
    void capsAVeryLongLine() {
        assertThat(of("y".repeat(10_000) + "\n").line()).hasSize(500);
    }
}
