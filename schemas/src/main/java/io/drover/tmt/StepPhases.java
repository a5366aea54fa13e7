package io.drover.tmt;

import io.drover.fmf.PyValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * tmt's step normalization: a step written as one mapping or a list of mappings becomes a
 * list of phases, each with a {@code name} ({@code default-0}, {@code default-1}, ...) and
 * a {@code how} (the step's default when missing). Duplicate phase names are an error.
 */
final class StepPhases {
    static final Map<String, String> DEFAULT_HOW = Map.of(
            "discover", "shell", "provision", "virtual", "prepare", "shell", "execute", "tmt",
            "finish", "shell", "report", "display", "cleanup", "tmt");

    private StepPhases() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> normalize(Object value, String step, String where) {
        List<Map<String, Object>> phases = new ArrayList<>();
        List<?> items = value == null ? List.of(Map.of()) : value instanceof List<?> list ? list : List.of(value);
        Set<String> names = new HashSet<>();
        int index = 0;
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new SpecificationException(where + ": step '" + step
                        + "' should be a mapping or a list of mappings, got '" + PyValues.str(item) + "'");
            }
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("how", DEFAULT_HOW.get(step));
            phase.put("name", "default-" + index);
            phase.putAll((Map<String, Object>) map);
            if (phase.get("how") == null) {
                phase.put("how", DEFAULT_HOW.get(step));
            }
            if (phase.get("name") == null) {
                phase.put("name", "default-" + index);
            }
            String name = PyValues.str(phase.get("name"));
            phase.put("name", name);
            phase.put("how", PyValues.str(phase.get("how")));
            if (!names.add(name)) {
                throw new SpecificationException(where + ": step '" + step + "' has two phases named '" + name + "'");
            }
            phases.add(phase);
            index++;
        }
        return phases;
    }
}
