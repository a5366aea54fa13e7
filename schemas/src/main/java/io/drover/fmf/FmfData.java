package io.drover.fmf;

import java.util.List;
import java.util.Map;

/** Small operations on fmf data values (maps, lists and scalars as {@link FmfYaml} reads them). */
public final class FmfData {
    private FmfData() {
    }

    /**
     * Follows a path into nested data: keys into maps, decimal indexes into lists;
     * {@code fallback} when any step is missing.
     */
    public static Object get(Map<String, ?> data, List<String> path, Object fallback) {
        Object current = data;
        for (String key : path) {
            if (current instanceof Map<?, ?> map && map.containsKey(key)) {
                current = map.get(key);
            } else if (current instanceof List<?> list && key.matches("\\d{1,9}") && Integer.parseInt(key) < list.size()) {
                current = list.get(Integer.parseInt(key));
            } else {
                return fallback;
            }
        }
        return current;
    }
}
