package io.drover.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Merges a newer partial (or the final) result into the one held so far, as atex does:
 * a {@code null} value deletes the key, a new key is added, a value of another type
 * replaces, objects merge recursively, arrays append, other values replace. The top-level
 * {@code files}, already reduced to names, is a set union.
 */
final class ResultMerge {
    private ResultMerge() {
    }

    static void mergeResult(ObjectNode held, ObjectNode newer) {
        merge(held, newer, true);
    }

    private static void merge(ObjectNode held, ObjectNode newer, boolean topLevel) {
        Iterator<Map.Entry<String, JsonNode>> fields = newer.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode old = held.get(key);
            if (value.isNull()) {
                held.remove(key);
            } else if (old == null || pythonType(old) != pythonType(value)) {
                held.set(key, value.deepCopy());
            } else if (topLevel && key.equals("files")) {
                Set<JsonNode> union = new LinkedHashSet<>();
                old.forEach(union::add);
                value.forEach(union::add);
                ((ArrayNode) old).removeAll().addAll(union);
            } else if (value.isObject()) {
                merge((ObjectNode) old, (ObjectNode) value, false);
            } else if (value.isArray()) {
                value.forEach(item -> ((ArrayNode) old).add(item.deepCopy()));
            } else {
                held.set(key, value.deepCopy());
            }
        }
    }

    /** Python tells int from float from bool; Jackson's node classes split ints by width. */
    private static Object pythonType(JsonNode node) {
        return node.isNumber() ? (node.isIntegralNumber() ? "int" : "float") : node.getNodeType();
    }
}
