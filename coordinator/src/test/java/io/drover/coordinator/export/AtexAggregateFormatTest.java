package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AtexAggregateFormatTest {
    private static List<JsonNode> lines() throws Exception {
        return ExportSamples.exportedJsonLines("atex");
    }

    private static List<String> linesOf(String test) throws Exception {
        return lines().stream().filter(line -> line.get(2).asText().equals(test)).map(JsonNode::toString).toList();
    }

    @Test
    void writesOneSixElementArrayPerResultLeavingOutTestsWithoutAVerdict() throws Exception {
        List<JsonNode> lines = lines();
        assertThat(lines).allSatisfy(line -> assertThat(line.isArray() && line.size() == 6).isTrue());
        assertThat(lines).hasSize(8 + 2);
        assertThat(linesOf("/tests/later")).isEmpty();
    }

    @Test
    void writesSubResultsThenTheTestsOwnLine() throws Exception {
        assertThat(linesOf("/tests/upload")).containsExactly(
                "[\"rhel-9.8@x86_64\",\"fail\",\"/tests/upload\",\"upload/big\",[\"big.log\"],\"checksum differs\"]",
                "[\"rhel-9.8@x86_64\",\"pass\",\"/tests/upload\",\"upload/small\",null,null]",
                "[\"rhel-9.8@x86_64\",\"fail\",\"/tests/upload\",null,[\"output.txt\",\"dmesg.txt\"],"
                        + "\"status fail, exit code 1 [known issue RHEL-1234]\"]");
    }

    @Test
    void theTestsOwnLineHasTheVerdictsStatusAndTheTestsOwnNote() throws Exception {
        assertThat(linesOf("/tests/slow")).containsExactly("[\"rhel-9.8@x86_64\",\"error\",\"/tests/slow\",null,"
                + "[\"output.txt\"],\"TestAbortedError(timeout)\"]");
        assertThat(linesOf("/tests/reboot").get(0)).contains("\"infra\"");
        assertThat(linesOf("/tests/network").get(0)).endsWith(",\"status pass, exit code 0 [flaky]\"]");
        assertThat(linesOf("/tests/docs")).containsExactly(
                "[\"rhel-9.8@x86_64\",\"info\",\"/tests/docs\",null,null,\"status info, exit code 0\"]");
    }

    @Test
    void namesThePlatformFromTheContext() {
        assertThat(AtexAggregateFormat.platform(Map.of("distro", List.of("rhel-9.8"), "arch", List.of("x86_64"))))
                .isEqualTo("rhel-9.8@x86_64");
        assertThat(AtexAggregateFormat.platform(Map.of("distro", List.of("fedora-41")))).isEqualTo("fedora-41");
        assertThat(AtexAggregateFormat.platform(Map.of("arch", List.of("x86_64", "aarch64"))))
                .isEqualTo("x86_64,aarch64");
        assertThat(AtexAggregateFormat.platform(Map.of("component", List.of("bash")))).isEmpty();
    }
}
