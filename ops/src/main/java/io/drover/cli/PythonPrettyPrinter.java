package io.drover.cli;

import io.drover.fmf.PyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code pprint.pformat} (width 80, indent 1) for fmf values, so that
 * {@code drover fmf show} prints what {@code fmf show} prints: dict keys sorted, and a
 * value wider than the line broken over several lines.
 */
final class PythonPrettyPrinter {
    private static final int WIDTH = 80;
    private static final Pattern WORD_AND_SPACE = Pattern.compile("\\S*\\s*");

    private final StringBuilder out = new StringBuilder();

    private PythonPrettyPrinter() {
    }

    static String pformat(Object value) {
        PythonPrettyPrinter printer = new PythonPrettyPrinter();
        printer.format(value, 0, 0, 0);
        return printer.out.toString();
    }

    /** repr() with dict keys sorted, as pprint's safe repr does. */
    static String sortedRepr(Object value) {
        return PyValues.repr(sortKeys(value));
    }

    private static Object sortKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> sorted = new LinkedHashMap<>();
            map.entrySet().stream()
                    .sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
                    .forEach(e -> sorted.put(e.getKey(), sortKeys(e.getValue())));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonPrettyPrinter::sortKeys).toList();
        }
        return value;
    }

    private void format(Object value, int indent, int allowance, int level) {
        String rep = sortedRepr(value);
        if (rep.length() <= WIDTH - indent - allowance) {
            out.append(rep);
            return;
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('{');
            formatDictItems(map, indent, allowance + 1, level + 1);
            out.append('}');
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('[');
            formatItems(list, indent, allowance + 1, level + 1);
            out.append(']');
        } else if (value instanceof String s && !s.isEmpty()) {
            formatString(s, indent, allowance, level + 1);
        } else {
            out.append(rep);
        }
    }

    private void formatDictItems(Map<?, ?> map, int indent, int allowance, int level) {
        indent += 1;
        List<Map.Entry<?, ?>> items = new ArrayList<>(map.entrySet());
        items.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            String key = sortedRepr(items.get(i).getKey());
            out.append(key).append(": ");
            format(items.get(i).getValue(), indent + key.length() + 2, last ? allowance : 1, level);
            if (!last) {
                out.append(",\n").append(" ".repeat(indent));
            }
        }
    }

    private void formatItems(List<?> list, int indent, int allowance, int level) {
        indent += 1;
        for (int i = 0; i < list.size(); i++) {
            boolean last = i == list.size() - 1;
            if (i > 0) {
                out.append(",\n").append(" ".repeat(indent));
            }
            format(list.get(i), indent, last ? allowance : 1, level);
        }
    }

    private void formatString(String s, int indent, int allowance, int level) {
        List<String> lines = splitLinesKeepEnds(s);
        if (level == 1) {
            indent += 1;
            allowance += 1;
        }
        int maxWidth = WIDTH - indent;
        int maxWidth1 = maxWidth;
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String rep = PyValues.repr(line);
            boolean lastLine = i == lines.size() - 1;
            if (lastLine) {
                maxWidth1 -= allowance;
            }
            if (rep.length() <= maxWidth1) {
                chunks.add(rep);
                continue;
            }
            List<String> parts = new ArrayList<>();
            Matcher m = WORD_AND_SPACE.matcher(line);
            while (m.find()) {
                if (!m.group().isEmpty()) {
                    parts.add(m.group());
                }
            }
            int maxWidth2 = maxWidth;
            String current = "";
            for (int j = 0; j < parts.size(); j++) {
                String candidate = current + parts.get(j);
                if (j == parts.size() - 1 && lastLine) {
                    maxWidth2 -= allowance;
                }
                if (PyValues.repr(candidate).length() > maxWidth2) {
                    if (!current.isEmpty()) {
                        chunks.add(PyValues.repr(current));
                    }
                    current = parts.get(j);
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty()) {
                chunks.add(PyValues.repr(current));
            }
        }
        if (chunks.size() == 1) {
            out.append(PyValues.repr(s));
            return;
        }
        if (level == 1) {
            out.append('(');
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                out.append('\n').append(" ".repeat(indent));
            }
            out.append(chunks.get(i));
        }
        if (level == 1) {
            out.append(')');
        }
    }

    private static List<String> splitLinesKeepEnds(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                lines.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }
}
