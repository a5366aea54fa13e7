package io.drover.cli;

import io.drover.fmf.FmfNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code fmf show}'s text: the node name, then one {@code key: value} line per key sorted
 * by key; strings raw, lists of strings as "a, b and c", anything else as Python prints it.
 */
final class FmfShowFormat {
    private FmfShowFormat() {
    }

    static String format(FmfNode node) {
        StringBuilder out = new StringBuilder(node.name()).append('\n');
        for (Map.Entry<String, Object> entry : new TreeMap<>(node.data()).entrySet()) {
            out.append(entry.getKey()).append(": ").append(value(entry.getValue())).append('\n');
        }
        return out.toString();
    }

    static String value(Object value) {
        if (value instanceof String s) {
            return s.replaceAll("\\n+$", "");
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return listed(list.stream().map(String.class::cast).toList());
        }
        return PythonPrettyPrinter.pformat(value);
    }

    /** fmf's {@code listed()}: {@code a}, {@code a and b}, {@code a, b and c}. */
    static String listed(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
