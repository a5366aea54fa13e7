package io.drover.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    private static String state(OutputTail tail) {
        return tail.text() + " (" + tail.total() + (tail.truncated() ? " bytes, truncated)" : " bytes)");
    }

    @Test
    void keepsEverythingWhileItFits() {
        OutputTail tail = new OutputTail(16);
        tail.write("hello ".getBytes());
        tail.write('w');
        tail.write("orld".getBytes());
        assertThat(state(tail)).isEqualTo("hello world (11 bytes)");
    }

    @Test
    void keepsOnlyTheLastBytes() {
        OutputTail tail = new OutputTail(8);
        tail.write("0123456".getBytes());
        tail.write("789ab".getBytes());
        assertThat(tail.text()).isEqualTo("456789ab");
        for (char c : "cdefghij".toCharArray()) {
            tail.write(c);
        }
        assertThat(tail.text()).isEqualTo("cdefghij");
        tail.write("--a write longer than the tail--".getBytes(), 2, 28);
        assertThat(state(tail)).isEqualTo("the tail (48 bytes, truncated)");
    }

    @Test
    void dropsACharacterCutInTwoAtTheStart() {
        OutputTail tail = new OutputTail(4);
        tail.write("x\u00e9\u20ac".getBytes(StandardCharsets.UTF_8)); // 1 + 2 + 3 bytes: the é is cut
        assertThat(tail.text()).isEqualTo("\u20ac");
        tail.write(new byte[] {(byte) 0xff, 'a'});
        assertThat(tail.text()).isEqualTo("\ufffda");
    }

    @Test
    void skipsOutputItAlreadyHas() {
        OutputTail tail = new OutputTail(16);
        byte[] bytes = "0123456789".getBytes();
        tail.writeAt(0, bytes, 0, 6);
        tail.writeAt(4, bytes, 4, 6);
        tail.writeAt(2, bytes, 2, 3);
        assertThat(state(tail)).isEqualTo("0123456789 (10 bytes)");
    }

    @Test
    void findsPatternsLineByLine() {
        OutputTail tail = OutputTail.of("one\nFATAL: disk full\nthree\n");
        assertThat(tail.find(List.of("^FATAL", "full$", "^disk", "one FATAL", "^three$"))).containsExactly("^FATAL",
                "full$", "^three$");
        assertThat(tail.find(List.of())).isEmpty();
    }
}
