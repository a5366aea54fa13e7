package io.drover.coordinator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTailTest {
    @TempDir
    Path dir;

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
    void readsOnlyTheEndOfAFile() throws Exception {
        Path file = dir.resolve("output.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(file, text);
        OutputTail tail = OutputTail.ofFile(file);
        assertThat(tail.total()).isEqualTo(Files.size(file));
        assertThat(tail.truncated()).isTrue();
        assertThat(tail.text()).endsWith("line 19999\n").hasSizeLessThanOrEqualTo(OutputTail.DEFAULT_CAPACITY);
        assertThat(text.toString()).endsWith(tail.text());

        Files.writeString(file, "short\n");
        assertThat(OutputTail.ofFile(file).text()).isEqualTo("short\n");
    }
}
