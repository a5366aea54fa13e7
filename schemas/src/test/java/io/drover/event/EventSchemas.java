package io.drover.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema files of {@code io/drover/schemas/v1/} as tests check lines against them: events by their
 * {@code type}, jobs, control requests and output chunks by the file's name ({@code job}, {@code control},
 * {@code output.chunk}). Checks the parts of JSON Schema the files use: type (one or a list), const, enum,
 * minimum, required, properties (nothing undeclared), additionalProperties, items, format date-time and
 * contentEncoding base64.
 */
public final class EventSchemas {
    public static final String JOB = "job";
    public static final String CONTROL = "control";
    public static final String OUTPUT_CHUNK = "output.chunk";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Every event type's name and record, as {@link Event} declares them for the codec. */
    @SuppressWarnings("unchecked")
    public static Map<String, Class<? extends Record>> eventTypes() {
        Map<String, Class<? extends Record>> types = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : Event.class.getAnnotation(JsonSubTypes.class).value()) {
            types.put(type.name(), (Class<? extends Record>) type.value());
        }
        assertThat(types).as("event types").hasSize(Event.class.getPermittedSubclasses().length);
        return types;
    }

    /** The schema file {@code name.json}. */
    public static JsonNode schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            try (InputStream in = EventSchemas.class.getResourceAsStream("/io/drover/schemas/v1/" + n + ".json")) {
                assertThat(in).as("schema file for %s", n).isNotNull();
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** An event's line fits the schema of its {@code type}. */
    public static void assertFits(String line) {
        assertFits(parse(line));
    }

    /** An event's line fits the schema of its {@code type}. */
    public static void assertFits(JsonNode line) {
        assertThat(line.path("type").isTextual()).as("an event has a 'type': %s", line).isTrue();
        assertFits(line.get("type").textValue(), line);
    }

    /** A line fits the schema file {@code name.json}. */
    public static void assertFits(String name, JsonNode line) {
        fits(line, schema(name), name);
    }

    /** The field names of an object, in order. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static void fits(JsonNode value, JsonNode schema, String where) {
        assertThat(schema).as("%s is in the schema", where).isNotNull();
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
            assertThat(types).as("%s: %s", where, value).contains(typeOf(value));
        }
        if (schema.has("minimum") && value.isNumber()) {
            assertThat(value.longValue()).as(where).isGreaterThanOrEqualTo(schema.get("minimum").longValue());
        }
        if ("date-time".equals(schema.path("format").textValue()) && value.isTextual()) {
            assertThatCode(() -> Instant.parse(value.textValue())).as("%s is a UTC date-time", where)
                    .doesNotThrowAnyException();
        }
        if ("base64".equals(schema.path("contentEncoding").textValue()) && value.isTextual()) {
            assertThatCode(() -> Base64.getDecoder().decode(value.textValue())).as("%s is base64", where)
                    .doesNotThrowAnyException();
        }
        if (value.isObject()) {
            schema.path("required").forEach(r -> assertThat(value.has(r.textValue()))
                    .as("%s has '%s': %s", where, r.textValue(), value).isTrue());
            value.fields().forEachRemaining(f -> {
                JsonNode declared = schema.path("properties").get(f.getKey());
                JsonNode field = declared != null ? declared : schema.get("additionalProperties");
                if (schema.has("properties") || field != null) {
                    fits(f.getValue(), field, where + "." + f.getKey());
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            value.forEach(item -> fits(item, schema.get("items"), where + "[]"));
        }
    }

    private static String typeOf(JsonNode value) {
        return value.isNull() ? "null" : value.isTextual() ? "string" : value.isIntegralNumber() ? "integer"
                : value.isNumber() ? "number" : value.isObject() ? "object" : value.isArray() ? "array"
                : value.isBoolean() ? "boolean" : value.getNodeType().toString();
    }
}
