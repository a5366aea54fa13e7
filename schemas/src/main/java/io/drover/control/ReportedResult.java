package io.drover.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One {@code result} as the test sent it, already validated: {@code index} counts results
 * in the stream from 0, {@code offset} is where its {@code result} line starts, {@code json}
 * is the object exactly as parsed (key order kept) and {@code files} its {@code files[]}
 * entries in order. The listener must not modify {@code json}; copy it first.
 */
public record ReportedResult(int index, long offset, ObjectNode json, List<FileUpload> files) {
    public ReportedResult {
        files = List.copyOf(files);
    }

    /** The sub-result name, or null for the test itself (key absent or JSON null). */
    public String name() {
        JsonNode name = json.get("name");
        return name == null || name.isNull() ? null : name.textValue();
    }

    /** {@code partial} is true the way Python's {@code if result.get("partial")} is. */
    public boolean partial() {
        return truthy(json.get("partial"));
    }

    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.isFloatingPointNumber() ? value.doubleValue() != 0 : value.bigIntegerValue().signum() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return value.size() > 0;
    }
}
