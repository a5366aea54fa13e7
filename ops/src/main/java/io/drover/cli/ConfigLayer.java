package io.drover.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of one source (the file, the environment) by section and key. */
final class ConfigLayer {
    static final ConfigLayer EMPTY = new ConfigLayer();

    private final Map<String, Map<String, Setting>> sections = new LinkedHashMap<>();

    void put(String section, String key, Setting setting) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, setting);
    }

    /** The setting, or null when this source does not set it. */
    Setting get(String section, String key) {
        return sections.getOrDefault(section, Map.of()).get(key);
    }

    /** A configuration mistake, with the file and line or the variable it is in. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }
}
