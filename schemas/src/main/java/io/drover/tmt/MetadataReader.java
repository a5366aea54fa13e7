package io.drover.tmt;

import io.drover.fmf.PyValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads typed tmt keys from node data, with errors naming the object, file and key. */
final class MetadataReader {
    private final Map<String, Object> data;
    private final String where;

    MetadataReader(Map<String, Object> data, String where) {
        this.data = data;
        this.where = where;
    }

    String where() {
        return where;
    }

    SpecificationException error(String key, String problem) {
        return new SpecificationException(where + ": key '" + key + "' " + problem);
    }

    boolean has(String key) {
        return data.containsKey(key);
    }

    Object raw(String key) {
        return data.get(key);
    }

    /** A string, or {@code fallback} when absent or null; numbers are accepted as their text. */
    String string(String key, String fallback) {
        Object value = data.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return PyValues.str(value);
        }
        throw error(key, "should be a string, got a '" + PyValues.typeName(value) + "'");
    }

    boolean bool(String key, boolean fallback) {
        Object value = data.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(key, "should be true or false, got '" + PyValues.str(value) + "'");
    }

    int integer(String key, int fallback) {
        Object value = data.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value instanceof String s && s.matches("-?\\d{1,9}")) {
            return Integer.parseInt(s);
        }
        throw error(key, "should be an integer, got '" + PyValues.str(value) + "'");
    }

    /** A string or a list of strings, as a list; null or absent is empty. */
    List<String> stringList(String key) {
        Object value = data.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (item instanceof Map || item instanceof List) {
                throw error(key, "should be a string or a list of strings, got '" + PyValues.str(item) + "'");
            }
            if (item != null) {
                out.add(PyValues.str(item));
            }
        }
        return Collections.unmodifiableList(out);
    }

    List<Integer> integerList(String key) {
        Object value = data.get(key);
        if (value == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (!(item instanceof Long l) || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
                throw error(key, "should be an integer or a list of integers, got '" + PyValues.str(item) + "'");
            }
            out.add(l.intValue());
        }
        return Collections.unmodifiableList(out);
    }

    /** A mapping with string values (environment variables); null or absent is empty. */
    Map<String, String> stringMap(String key) {
        Object value = data.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, "should be a mapping, got a '" + PyValues.typeName(value) + "'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                throw error(key, "value of '" + k + "' should be a string, got '" + PyValues.str(v) + "'");
            }
            out.put((String) k, v == null ? "" : PyValues.str(v));
        });
        return Collections.unmodifiableMap(out);
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    String choice(String key, String fallback, List<String> allowed) {
        String value = string(key, fallback);
        if (!allowed.contains(value)) {
            throw error(key, "should be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> mappingList(String key) {
        Object value = data.get(key);
        if (value == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (!(item instanceof Map)) {
                throw error(key, "should be a mapping or a list of mappings, got '" + PyValues.str(item) + "'");
            }
            out.add((Map<String, Object>) item);
        }
        return out;
    }

    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof BigInteger;
    }
}
