package io.drover.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Jobs as single-line JSON with a version, {@code {"v":1,"type":...}}; reading ignores unknown fields. */
public final class JobCodec {
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JobCodec() {
    }

    public static String write(Job job) {
        return line(job);
    }

    /** A request for {@code drover.control}, with the same envelope as a job. */
    public static String write(ControlRequest request) {
        return line(request);
    }

    private static String line(Record value) {
        ObjectNode line = MAPPER.createObjectNode().put("v", VERSION);
        line.setAll((ObjectNode) MAPPER.valueToTree(value));
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + ": " + e.getMessage(), e);
        }
    }

    /** Reads one job; what is not one is an {@link IllegalArgumentException} with a one-line message. */
    public static Job read(String line) {
        return read(line, Job.class, "job");
    }

    /** Reads one control request; what is not one is an {@link IllegalArgumentException}. */
    public static ControlRequest readControl(String line) {
        return read(line, ControlRequest.class, "control request");
    }

    private static <T> T read(String line, Class<T> type, String what) {
        try {
            JsonNode tree = MAPPER.readTree(line);
            if (!(tree instanceof ObjectNode object) || !object.path("v").canConvertToInt()) {
                throw new IllegalArgumentException("bad " + what + ": not a JSON object with a version 'v'");
            }
            if (object.get("v").intValue() > VERSION) {
                throw new IllegalArgumentException("bad " + what + ": version " + object.get("v").intValue()
                        + " is newer than this Drover reads (" + VERSION + ")");
            }
            return MAPPER.treeToValue(object, type);
        } catch (ValueInstantiationException e) {
            throw new IllegalArgumentException("bad " + what + ": " + (e.getCause() == null ? e.getOriginalMessage()
                    : e.getCause().getMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad " + what + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }
}
