package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportJsonLinesTest {
    private static List<JsonNode> lines() throws Exception {
        return ExportSamples.exportedJsonLines("json");
    }

    private static List<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> names(JsonNode object) {
        return object.propertyStream().map(Map.Entry::getKey).toList();
    }

    @Test
    void writesTheRunThenOneObjectPerTestWithAllTheirFields() throws Exception {
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1 + 9);
        assertThat(names(lines.get(0))).isEqualTo(fields(ExportRun.class));
        assertThat(lines.get(0).get("context").get("distro").get(0).asText()).isEqualTo("rhel-9.8");
        assertThat(lines.subList(1, 10))
                .allSatisfy(test -> assertThat(names(test)).isEqualTo(fields(ExportTest.class)));
    }

    @Test
    void keepsTheVerdictTheResultsAndTheReasonAsTheyAre() throws Exception {
        JsonNode upload = lines().get(2);
        assertThat(upload.get("knownIssue").asText()).isEqualTo("RHEL-1234");
        assertThat(upload.get("results")).hasSize(3);
        assertThat(upload.get("results").get(0).get("note").asText()).isEqualTo("checksum differs");
        assertThat(lines().get(5).get("reason").asText()).isEqualTo(ExportSamples.ODD_REASON);
        JsonNode pending = lines().get(9);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("sut").isNull()).isTrue();
        assertThat(pending.get("results")).isEmpty();
    }
}
