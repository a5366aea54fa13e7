package io.drover.tmt;

import io.drover.fmf.PyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item of {@code require} or {@code recommend}: a package name, or a mapping such as
 * {@code {type: library, url: ..., name: ...}} or {@code {type: file, pattern: ...}}.
 *
 * @param type    {@code package}, {@code library} or {@code file}
 * @param name    the package name, or the library or file name when there is one
 * @param details the mapping as written, empty for a package
 */
public record Requirement(String type, String name, Map<String, Object> details) {
    public Requirement {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean isPackage() {
        return "package".equals(type);
    }

    public static List<Requirement> parse(Object value, String where) {
        List<Requirement> requirements = new ArrayList<>();
        if (value == null) {
            return requirements;
        }
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (item instanceof String name) {
                requirements.add(new Requirement("package", name, Map.of()));
            } else if (item instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) map;
                String type = details.get("type") != null ? PyValues.str(details.get("type"))
                        : details.containsKey("url") || details.containsKey("path") ? "library" : "package";
                Object name = details.getOrDefault("name", details.get("pattern"));
                requirements.add(new Requirement(type, name == null ? null : PyValues.str(name), details));
            } else if (item instanceof Number || item instanceof Boolean) {
                requirements.add(new Requirement("package", PyValues.str(item), Map.of()));
            } else {
                throw new SpecificationException(where + ": invalid requirement '" + PyValues.str(item) + "'");
            }
        }
        return requirements;
    }

    /** The requirement as tmt exports it: the name for a package, else the mapping. */
    public Object export() {
        return isPackage() ? name : details;
    }
}
