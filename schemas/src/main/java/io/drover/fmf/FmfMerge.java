package io.drover.fmf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * fmf's merge operators, applied when a child's raw data is merged into the data it
 * inherits and when an adjust rule is applied: {@code key+} append, {@code key+<}
 * prepend, {@code key-} reduce, {@code key~} substitute, {@code key-~} remove matching,
 * and a plain key replaces. Keys are processed in their order, each operation on the
 * result of the previous one.
 *
 * <p>Values are persistent: a merge changes only the top-level map it is given and
 * replaces a nested map or list by a changed copy, never changing it in place. So nodes
 * share the values they inherit, and a tree of 10,000 nodes is not copied 10,000 times.
 */
public final class FmfMerge {
    private FmfMerge() {
    }

    /**
     * Merges {@code source} into {@code data}, which is changed; its nested values and
     * those of {@code source} are shared and left unchanged. {@code where} names the node
     * (and file) for error messages.
     */
    public static void mergeInto(Map<String, Object> data, Map<String, ?> source, String where) {
        mergeInto(data, source, () -> where);
    }

    /** Like {@link #mergeInto(Map, Map, String)}, with the name for error messages made only for an error. */
    public static void mergeInto(Map<String, Object> data, Map<String, ?> source, Supplier<String> where) {
        for (Map.Entry<String, ?> entry : source.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key == null) {
                // A YAML '~:' key; fmf itself fails on it (None has no endswith()).
                throw new MergeException("MergeError: Key 'None' in " + where.get() + " (invalid key).");
            }
            // Suffixes are tested in fmf's order and stripped with rstrip() semantics: a++ is a.
            if (key.endsWith("+")) {
                plus(data, stripTrailing(key, "+"), value, false, where);
            } else if (key.endsWith("+<")) {
                plus(data, stripTrailing(key, "+<"), value, true, where);
            } else if (key.endsWith("-~")) {
                minusRegexp(data, stripTrailing(key, "-~"), value, where);
            } else if (key.endsWith("-")) {
                minus(data, stripTrailing(key, "-"), value, where);
            } else if (key.endsWith("~")) {
                substitute(data, stripTrailing(key, "~"), value, where);
            } else {
                data.put(key, value);
            }
        }
    }

    static String stripTrailing(String key, String chars) {
        int end = key.length();
        while (end > 0 && chars.indexOf(key.charAt(end - 1)) >= 0) {
            end--;
        }
        return key.substring(0, end);
    }

    @SuppressWarnings("unchecked")
    private static void plus(Map<String, Object> data, String key, Object value, boolean prepend, Supplier<String> where) {
        if (!data.containsKey(key)) {
            data.put(key, value);
            return;
        }
        Object current = data.get(key);
        if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
            data.put(key, merged((Map<String, Object>) currentMap, (Map<String, ?>) valueMap, where));
            return;
        }
        if (current instanceof List<?> currentList && value instanceof Map<?, ?> valueMap) {
            // every item of the inherited list gets the dict merged in
            List<Object> items = new ArrayList<>(currentList.size());
            for (Object item : currentList) {
                items.add(merged(dictItem(item, where), (Map<String, ?>) valueMap, where));
            }
            data.put(key, items);
            return;
        }
        if (current instanceof Map<?, ?> currentMap && value instanceof List<?> valueList) {
            // the inherited dict becomes a list: one copy merged with each item
            List<Object> items = new ArrayList<>(valueList.size());
            for (Object item : valueList) {
                items.add(merged((Map<String, Object>) currentMap, dictItem(item, where), where));
            }
            data.put(key, items);
            return;
        }
        Object left = prepend ? value : current;
        Object right = prepend ? current : value;
        Object sum = PyValues.add(left, right);
        if (sum == null) {
            throw new MergeException("MergeError: Key '" + key + "' in " + where.get() + " ("
                    + PyValues.addTypeError(left, right) + ").");
        }
        data.put(key, sum);
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, ?> changes, Supplier<String> where) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        mergeInto(copy, changes, where);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dictItem(Object item, Supplier<String> where) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new MergeException("MergeError: Item '" + PyValues.str(item) + "' in " + where.get()
                    + " must be a dictionary.");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static void minus(Map<String, Object> data, String key, Object value, Supplier<String> where) {
        if (!data.containsKey(key)) {
            return;
        }
        Object current = data.get(key);
        if (PyValues.sameNumericType(current, value)) {
            data.put(key, PyValues.subtract(current, value));
        } else if (current instanceof String s && value instanceof String pattern) {
            data.put(key, PyRegex.sub(pattern, "", s));
        } else if (current instanceof List<?> list && value instanceof List<?> remove) {
            List<Object> kept = new ArrayList<>(list.size());
            for (Object item : list) {
                if (remove.stream().noneMatch(r -> PyValues.equal(item, r))) {
                    kept.add(item);
                }
            }
            data.put(key, kept);
        } else if (current instanceof Map<?, ?> map && value instanceof List<?> remove) {
            Map<String, Object> reduced = new LinkedHashMap<>((Map<String, Object>) map);
            for (Object item : remove) {
                reduced.remove(item == null ? null : PyValues.str(item));
            }
            data.put(key, reduced);
        } else {
            throw new MergeException("MergeError: Key '" + key + "' in " + where.get() + " (wrong type).");
        }
    }

    private static void substitute(Map<String, Object> data, String key, Object value, Supplier<String> where) {
        if (!data.containsKey(key)) {
            return;
        }
        // Like fmf, every rule is checked before the first one is applied.
        List<String[]> rules = new ArrayList<>();
        for (Object rule : asList(value, key, where)) {
            rules.add(splitPatternReplacement(rule, key, where));
        }
        for (String[] patternAndReplacement : rules) {
            String pattern = patternAndReplacement[0];
            String replacement = patternAndReplacement[1];
            Object current = data.get(key);
            if (current instanceof List<?> list) {
                List<Object> replaced = new ArrayList<>(list.size());
                for (Object item : list) {
                    if (!(item instanceof String s)) {
                        throw new MergeException("MergeError: Key '" + key + "' in " + where.get() + " (not a string).");
                    }
                    replaced.add(PyRegex.sub(pattern, replacement, s));
                }
                data.put(key, replaced);
            } else if (current instanceof String s) {
                data.put(key, PyRegex.sub(pattern, replacement, s));
            } else {
                throw new MergeException("MergeError: Key '" + key + "' in " + where.get() + " (wrong type).");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void minusRegexp(Map<String, Object> data, String key, Object value, Supplier<String> where) {
        if (!data.containsKey(key)) {
            return;
        }
        Object current = data.get(key);
        if (!(current instanceof List || current instanceof String || current instanceof Map)) {
            throw new MergeException("MergeError: Key '" + key + "' in " + where.get() + " (wrong type).");
        }
        List<?> patterns = asList(value, key, where);
        if (current instanceof List<?> list) {
            List<Object> kept = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!anySearch(patterns, item)) {
                    kept.add(item);
                }
            }
            data.put(key, kept);
        } else if (current instanceof String s) {
            if (anySearch(patterns, s)) {
                data.put(key, "");
            }
        } else {
            Map<String, Object> reduced = new LinkedHashMap<>((Map<String, Object>) current);
            reduced.keySet().removeIf(name -> anySearch(patterns, name));
            data.put(key, reduced);
        }
    }

    private static boolean anySearch(List<?> patterns, Object item) {
        String text = PyValues.str(item);
        for (Object pattern : patterns) {
            if (PyRegex.search(PyValues.str(pattern), text)) {
                return true;
            }
        }
        return false;
    }

    private static List<?> asList(Object value, String key, Supplier<String> where) {
        if (value instanceof String) {
            return List.of(value);
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new MergeException("MergeError: Key '" + key + "' in " + where.get()
                + " (expected a string or a list of strings, got '" + PyValues.typeName(value) + "').");
    }

    /** {@code <d>PATTERN<d>REPLACEMENT<d>} where {@code <d>} is the first character. */
    static String[] splitPatternReplacement(Object rule, String key, Supplier<String> where) {
        if (!(rule instanceof String source) || source.length() < 3) {
            throw new FmfFormatException("Invalid substitution '" + PyValues.str(rule) + "' for key '" + key
                    + "' in " + where.get() + ": expected '/PATTERN/REPLACEMENT/'.");
        }
        char delimiter = source.charAt(0);
        String inner = source.substring(1, source.length() - 1);
        String[] parts = inner.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
        if (source.charAt(source.length() - 1) != delimiter || parts.length != 2 || parts[0].isEmpty()) {
            throw new FmfFormatException("Invalid substitution '" + source + "' for key '" + key + "' in " + where.get()
                    + ": expected '" + delimiter + "PATTERN" + delimiter + "REPLACEMENT" + delimiter + "'.");
        }
        return parts;
    }
}
