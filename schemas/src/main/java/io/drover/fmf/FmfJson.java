package io.drover.fmf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** fmf data as JSON, the way Python's {@code json.dumps} writes it (dates as ISO text). */
public final class FmfJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FmfJson() {
    }

    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i.longValue());
        }
        if (value instanceof BigInteger bi) {
            return NODES.numberNode(bi);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    /**
     * {@code {"leaves": [...], "nodes": {"/name": {...}, ...}}}: the selected nodes and
     * the data of every node in climb order.
     */
    public static ObjectNode dump(FmfTree tree) {
        ObjectNode out = NODES.objectNode();
        ArrayNode leaves = out.putArray("leaves");
        tree.climb(false).forEach(node -> leaves.add(node.name()));
        ObjectNode nodes = out.putObject("nodes");
        tree.climb(true).forEach(node -> nodes.set(node.name(), toJson(node.data())));
        return out;
    }

    /**
     * Writes what {@link #dump} builds, token by token, without building it: the same bytes
     * through the same generator, with no 12 MB tree in memory for a big tree.
     */
    public static void writeDump(FmfTree tree, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("leaves");
        for (FmfNode node : tree.climb(false)) {
            out.writeString(node.name());
        }
        out.writeEndArray();
        out.writeObjectFieldStart("nodes");
        for (FmfNode node : tree.climb(true)) {
            out.writeFieldName(node.name());
            write(node.data(), out);
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    /** One value as {@link #toJson} converts it. */
    private static void write(Object value, JsonGenerator out) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Integer i) {
            out.writeNumber(i.longValue());
        } else if (value instanceof BigInteger bi) {
            out.writeNumber(bi);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Map<?, ?> map && map.containsKey(null)) {
            // a YAML null key is written "null", and a later "null" key replaces its value, as toJson does
            Map<String, Object> named = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> named.put(String.valueOf(k), v));
            write(named, out);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(entry.getValue(), out);
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(item, out);
            }
            out.writeEndArray();
        } else {
            out.writeString(value.toString());
        }
    }

    /**
     * JSON equality where numbers compare by value within their kind: {@code 1} equals
     * {@code 1} whatever the integer width, but never {@code 1.0} or {@code true}.
     */
    public static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                if (x.isIntegralNumber() && y.isIntegralNumber()) {
                    return x.bigIntegerValue().equals(y.bigIntegerValue()) ? 0 : 1;
                }
                if (x.isFloatingPointNumber() && y.isFloatingPointNumber()) {
                    return Double.compare(x.doubleValue(), y.doubleValue());
                }
                return 1;
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }
}
