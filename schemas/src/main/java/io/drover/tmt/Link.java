package io.drover.tmt;

import io.drover.fmf.PyRegex;
import io.drover.fmf.PyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tmt link: a relation ({@code verifies}, {@code relates}, ...), a target (a URL, a
 * path, or an fmf id written as text) and an optional note.
 */
public record Link(String relation, String target, String note) {
    public static final Set<String> RELATIONS = Set.of("verifies", "verified-by", "implements",
            "implemented-by", "documents", "documented-by", "blocks", "blocked-by", "duplicates",
            "duplicated-by", "parent", "child", "relates", "test-script");

    /** Reads a {@code link} value: a string, a {@code {relation: target, note: ...}} mapping, or a list of those. */
    public static List<Link> parse(Object value, String where) {
        List<Link> links = new ArrayList<>();
        if (value == null) {
            return links;
        }
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (item instanceof String target) {
                links.add(new Link("relates", target, null));
            } else if (item instanceof Map<?, ?> map) {
                String note = map.get("note") == null ? null : PyValues.str(map.get("note"));
                List<Object> relations = new ArrayList<>(map.keySet());
                relations.remove("note");
                if (relations.size() != 1 || !RELATIONS.contains((String) relations.get(0))) {
                    throw new SpecificationException(where + ": invalid link " + PyValues.repr(map)
                            + " (expected one relation of " + String.join(", ", RELATIONS.stream().sorted().toList())
                            + ", and an optional note)");
                }
                String relation = (String) relations.get(0);
                links.add(new Link(relation, PyValues.str(map.get(relation)), note));
            } else {
                throw new SpecificationException(where + ": invalid link '" + PyValues.str(item) + "'");
            }
        }
        return links;
    }

    /**
     * Whether a needle {@code RELATION:TARGET} (both regular expressions, searched) or
     * {@code TARGET} (any relation) selects this link. The needle is split at the first colon.
     */
    public boolean matches(String needle) {
        int colon = needle.indexOf(':');
        String relationPattern = colon < 0 ? ".*" : needle.substring(0, colon);
        String targetPattern = colon < 0 ? needle : needle.substring(colon + 1);
        return PyRegex.search(relationPattern, relation) && PyRegex.search(targetPattern, target);
    }

    /** The link as tmt exports it. */
    public Object export() {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(relation, target);
        if (note != null) {
            map.put("note", note);
        }
        return map;
    }
}
