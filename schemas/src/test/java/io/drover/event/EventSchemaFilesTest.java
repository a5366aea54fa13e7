package io.drover.event;

import static io.drover.event.EventSchemas.names;
import static io.drover.event.EventSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.job.ControlRequest;
import io.drover.job.Job;
import io.drover.job.JobCodec;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema files in {@code io/drover/schemas/v1/} are the contract with consumers: each
 * names exactly the fields the codec writes, in order, and what it writes fits the types, constants
 * and enumerations they declare.
 */
class EventSchemaFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TS = "2026-11-22T05:30:00.123Z";

    private static List<String> fields(Class<? extends Record> type) {
        List<String> names = new ArrayList<>(List.of("v", "type"));
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        return names;
    }

    @Test
    void everyEventTypeHasASchemaNamingExactlyItsFields() throws Exception {
        for (var entry : EventSchemas.eventTypes().entrySet()) {
            JsonNode schema = schema(entry.getKey());
            assertThat(names(schema.get("properties"))).as(entry.getKey()).isEqualTo(fields(entry.getValue()));
            List<String> required = new ArrayList<>();
            schema.get("required").forEach(r -> required.add(r.textValue()));
            assertThat(required).as(entry.getKey()).isEqualTo(fields(entry.getValue()));
            assertThat(schema.at("/properties/type/const").textValue()).isEqualTo(entry.getKey());
        }
        List<String> jobFields = new ArrayList<>(List.of("v"));
        Arrays.stream(Job.class.getRecordComponents()).map(RecordComponent::getName).forEach(jobFields::add);
        assertThat(names(schema(EventSchemas.JOB).get("properties"))).isEqualTo(jobFields);
    }

    @Test
    void whatTheCodecWritesFitsTheSchemas() throws Exception {
        for (Event event : EventCodecTestSamples.oneOfEach()) {
            JsonNode line = JSON.readTree(EventCodec.write(event));
            assertThat(names(line)).isEqualTo(names(schema(line.get("type").textValue()).get("properties")));
            EventSchemas.assertFits(line);
        }
        JsonNode job = JSON.readTree(JobCodec.write(new Job(Job.TEST, "r1", "r1/sut-1/2", "sut-1", "local", "/t", null,
                Map.of("arch", List.of("x86_64")), "/plans/a", "/tests/a", 1, 1, TS, List.of("^FATAL"))));
        assertThat(names(job)).isEqualTo(names(schema(EventSchemas.JOB).get("properties")));
        EventSchemas.assertFits(EventSchemas.JOB, job);
    }

    @Test
    void outputChunksAndControlRequestsFitTheirSchemas() throws Exception {
        JsonNode chunk = JSON.readTree(EventCodec.write(new OutputChunk("r1", "/plans/a", "/tests/a", 1, 2,
                "files/output.txt", 4096, "hello\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(names(chunk)).isEqualTo(names(schema(EventSchemas.OUTPUT_CHUNK).get("properties")));
        EventSchemas.assertFits(EventSchemas.OUTPUT_CHUNK, chunk);
        JsonNode cancel = JSON.readTree(JobCodec.write(new ControlRequest("cancel", "r1", "/plans/a", "/tests/a",
                "asked", TS)));
        assertThat(names(cancel)).isEqualTo(names(schema(EventSchemas.CONTROL).get("properties")));
        EventSchemas.assertFits(EventSchemas.CONTROL, cancel);
        // the HTTP API's cancel may come without a reason
        EventSchemas.assertFits(EventSchemas.CONTROL, JSON.readTree(JobCodec.write(new ControlRequest("cancel", "r1",
                null, null, null, TS))));
    }
}
