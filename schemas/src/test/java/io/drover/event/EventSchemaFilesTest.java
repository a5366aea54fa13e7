package io.drover.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.job.Job;
import io.drover.job.JobCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
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

    private static JsonNode schema(String name) throws IOException {
        try (InputStream in = EventSchemaFilesTest.class.getResourceAsStream("/io/drover/schemas/v1/" + name + ".json")) {
            assertThat(in).as("schema file for %s", name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static List<String> fields(Class<? extends Record> type) {
        List<String> names = new ArrayList<>(List.of("v", "type"));
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        return names;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyEventTypeHasASchemaNamingExactlyItsFields() throws Exception {
        for (JsonSubTypesEntry entry : entries()) {
            JsonNode schema = schema(entry.name());
            assertThat(names(schema.get("properties"))).as(entry.name()).isEqualTo(fields(entry.type()));
            List<String> required = new ArrayList<>();
            schema.get("required").forEach(r -> required.add(r.textValue()));
            assertThat(required).as(entry.name()).isEqualTo(fields(entry.type()));
            assertThat(schema.at("/properties/type/const").textValue()).isEqualTo(entry.name());
        }
        List<String> jobFields = new ArrayList<>(List.of("v"));
        Arrays.stream(Job.class.getRecordComponents()).map(RecordComponent::getName).forEach(jobFields::add);
        assertThat(names(schema("job").get("properties"))).isEqualTo(jobFields);
    }

    @Test
    void whatTheCodecWritesFitsTheSchemas() throws Exception {
        for (Event event : EventCodecTestSamples.oneOfEach()) {
            JsonNode line = JSON.readTree(EventCodec.write(event));
            JsonNode schema = schema(line.get("type").textValue());
            assertThat(names(line)).isEqualTo(names(schema.get("properties")));
            line.fields().forEachRemaining(f -> assertFits(f.getValue(), schema.at("/properties/" + f.getKey()),
                    line.get("type").textValue() + "." + f.getKey()));
        }
        JsonNode job = JSON.readTree(JobCodec.write(new Job(Job.TEST, "r1", "r1/sut-1/2", "sut-1", "local", "/t", null,
                Map.of("arch", List.of("x86_64")), "/plans/a", "/tests/a", 1, 1, TS, List.of("^FATAL"))));
        JsonNode jobSchema = schema("job");
        job.fields().forEachRemaining(f -> assertFits(f.getValue(), jobSchema.at("/properties/" + f.getKey()),
                "job." + f.getKey()));
    }

    /** The parts of JSON Schema the files use: type (one or a list), const, enum, minimum. */
    private static void assertFits(JsonNode value, JsonNode schema, String where) {
        assertThat(schema.isMissingNode()).as("%s is in the schema", where).isFalse();
        if (schema.has("const")) {
            assertThat(value).as(where).isEqualTo(schema.get("const"));
        }
        if (schema.has("enum")) {
            assertThat(schema.get("enum")).as(where).contains(value);
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.textValue()));
            } else {
                types.add(schema.get("type").textValue());
            }
            String actual = value.isNull() ? "null" : value.isTextual() ? "string" : value.isIntegralNumber() ? "integer"
                    : value.isObject() ? "object" : value.isArray() ? "array" : value.isBoolean() ? "boolean"
                    : value.getNodeType().toString();
            assertThat(types).as(where).contains(actual);
        }
        if (schema.has("minimum") && value.isNumber()) {
            assertThat(value.longValue()).as(where).isGreaterThanOrEqualTo(schema.get("minimum").longValue());
        }
        if (value.isObject() && schema.has("properties")) {
            assertThat(names(value)).as(where).isEqualTo(names(schema.get("properties")));
            value.fields().forEachRemaining(f -> assertFits(f.getValue(), schema.get("properties").get(f.getKey()),
                    where + "." + f.getKey()));
        }
        if (value.isArray() && schema.has("items")) {
            value.forEach(item -> assertFits(item, schema.get("items"), where + "[]"));
        }
    }

    @Test
    void outputChunksAndControlRequestsFitTheirSchemas() throws Exception {
        JsonNode chunk = JSON.readTree(EventCodec.write(new OutputChunk("r1", "/plans/a", "/tests/a", 1, 2,
                "files/output.txt", 4096, "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        JsonNode chunkSchema = schema("output.chunk");
        assertThat(names(chunk)).isEqualTo(names(chunkSchema.get("properties")));
        assertFits(chunk, chunkSchema, "output.chunk");
        JsonNode cancel = JSON.readTree(JobCodec.write(new io.drover.job.ControlRequest("cancel", "r1", "/plans/a",
                "/tests/a", "asked", TS)));
        JsonNode controlSchema = schema("control");
        assertThat(names(cancel)).isEqualTo(names(controlSchema.get("properties")));
        assertFits(cancel, controlSchema, "control");
    }

    private record JsonSubTypesEntry(String name, Class<? extends Record> type) {
    }

    @SuppressWarnings("unchecked")
    private static List<JsonSubTypesEntry> entries() {
        var types = Event.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value();
        List<JsonSubTypesEntry> entries = new ArrayList<>();
        for (var type : types) {
            entries.add(new JsonSubTypesEntry(type.name(), (Class<? extends Record>) type.value()));
        }
        assertThat(entries).hasSize(Event.class.getPermittedSubclasses().length);
        return entries;
    }
}
