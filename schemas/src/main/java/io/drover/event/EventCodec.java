package io.drover.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Events as single-line JSON: {@code v} and {@code type} first, then the record's fields in order.
 * Reading ignores fields it does not know (a newer producer may add some) and refuses a newer
 * {@code v}, an unknown {@code type} and missing envelope fields, each with a one-line message.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    /**
     * Per type, a reader of the event's fields after {@code v} and {@code type}: the type is known once read, so the
     * fields are read as they come instead of buffered until Jackson finds it.
     */
    private static final Map<String, ObjectReader> READERS = typedReaders();

    private EventCodec() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    private interface Untyped {
    }

    private static Map<String, ObjectReader> typedReaders() {
        ObjectMapper untyped = MAPPER.copy().addMixIn(Event.class, Untyped.class);
        return Arrays.stream(Event.class.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::name, t -> untyped.readerFor(t.value())));
    }

    /** One line of JSON, without the newline. */
    public static String write(Event event) {
        ObjectNode body = MAPPER.valueToTree(event);
        ObjectNode line = MAPPER.createObjectNode();
        line.put("v", Event.VERSION);
        line.set("type", body.remove("type"));
        line.setAll(body);
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event: " + e.getMessage(), e);
        }
    }

    private static final String FAST_PREFIX = "{\"v\":" + Event.VERSION + ",\"type\":";

    /** Reads one event; a line that is not one is a {@link BadEventException}. */
    public static Event read(String line) {
        // what this codec writes reads in one pass; anything else, or anything wrong, is looked at closely below
        if (line.startsWith(FAST_PREFIX)) {
            Event event = readFast(line);
            if (event != null && event.ts() != null && event.seq() != 0) {
                return event;
            }
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadEventException("not JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new BadEventException("not a JSON object");
        }
        JsonNode version = object.remove("v");
        if (version == null || !version.canConvertToInt() || version.intValue() < 1) {
            throw new BadEventException("no version 'v'");
        }
        if (version.intValue() > Event.VERSION) {
            throw new BadEventException("event version " + version.intValue() + " is newer than this Drover reads ("
                    + Event.VERSION + ")");
        }
        if (!object.path("type").isTextual()) {
            throw new BadEventException("no 'type'");
        }
        if (!object.path("seq").canConvertToLong() || !object.path("ts").isTextual()) {
            throw new BadEventException(object.get("type").textValue() + ": 'seq' and 'ts' are required");
        }
        try {
            return MAPPER.treeToValue(object, Event.class);
        } catch (JsonProcessingException e) {
            throw new BadEventException(object.get("type").textValue() + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    /** The event of a line that starts as this codec writes them, or null when anything is not as it writes them. */
    private static Event readFast(String line) {
        try (JsonParser parser = MAPPER.createParser(line)) {
            ObjectReader reader;
            if (parser.nextToken() == JsonToken.START_OBJECT && "v".equals(parser.nextFieldName())
                    && parser.nextToken() == JsonToken.VALUE_NUMBER_INT && "type".equals(parser.nextFieldName())
                    && (reader = READERS.get(parser.nextTextValue())) != null) {
                parser.nextToken();
                Event event = reader.readValue(parser);
                return parser.nextToken() == null ? event : null;
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            // the careful reading says what is wrong
            return null;
        }
    }

    /** One line of JSON for {@code drover.output}, the bytes in base64. */
    public static String write(OutputChunk chunk) {
        try {
            return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("v", Event.VERSION)
                    .setAll((ObjectNode) MAPPER.valueToTree(chunk)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an output chunk: " + e.getMessage(), e);
        }
    }

    /** Reads one output chunk; a line that is not one is a {@link BadEventException}. */
    public static OutputChunk readChunk(String line) {
        try {
            JsonNode tree = MAPPER.readTree(line);
            if (!(tree instanceof ObjectNode object) || !object.path("v").canConvertToInt()) {
                throw new BadEventException("output chunk: not a JSON object with a version 'v'");
            }
            if (object.get("v").intValue() > Event.VERSION) {
                throw new BadEventException("output chunk version " + object.get("v").intValue()
                        + " is newer than this Drover reads (" + Event.VERSION + ")");
            }
            object.remove("v");
            return MAPPER.treeToValue(object, OutputChunk.class);
        } catch (JsonProcessingException e) {
            throw new BadEventException("output chunk: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** A line that is not an event this version can read. */
    public static final class BadEventException extends IllegalArgumentException {
        public BadEventException(String message) {
            super("bad event: " + message);
        }
    }
}
