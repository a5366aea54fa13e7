package io.drover.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads {@code DROVER_<SECTION>_<KEY>} and, for shared keys, {@code DROVER_<KEY>} into a {@link ConfigLayer}. Other
 * variables are ignored, except one that names a section and no key of it.
 */
final class ConfigEnvironment {
    /** Drover's variables that are not configuration keys. */
    static final Set<String> OTHERS = Set.of("DROVER_CONFIG", "DROVER_FMF_CACHE", "DROVER_JAVA_OPTS");

    private ConfigEnvironment() {
    }

    static ConfigLayer read(Map<String, String> environment, ConfigKeys keys) {
        ConfigLayer layer = new ConfigLayer();
        List<String> sections = new ArrayList<>(keys.sections());
        sections.sort(Comparator.comparingInt(String::length).reversed());
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (name.startsWith("DROVER_") && !OTHERS.contains(name)) {
                read(name, variable.getValue(), sections, keys, layer);
            }
        }
        return layer;
    }

    private static void read(String name, String value, List<String> sections, ConfigKeys keys, ConfigLayer layer) {
        String where = "environment variable " + name;
        String named = null;
        for (String section : sections) {
            if (!name.startsWith(ConfigKeys.environmentName(section, ""))) {
                continue;
            }
            named = named == null ? section : named;
            for (Map.Entry<String, OptionSpec> key : keys.keys(section).entrySet()) {
                if (ConfigKeys.environmentName(section, key.getKey()).equals(name)) {
                    layer.put(section, key.getKey(), setting(value, key.getValue().isMultiValue(), where));
                    return;
                }
            }
        }
        for (String key : ConfigKeys.SHARED) {
            if (ConfigKeys.environmentName("", key).equals(name)) {
                layer.put(ConfigKeys.COMMON, key, setting(value, false, where));
                return;
            }
        }
        if (named != null) {
            String key = name.substring(ConfigKeys.environmentName(named, "").length()).toLowerCase(Locale.ROOT).replace('_', '-');
            throw new ConfigLayer.Invalid(where + ": 'drover " + named + "' has no option --" + key
                    + Closest.hint(key, keys.keys(named).keySet()));
        }
    }

    /** An empty value unsets; a repeatable option takes a YAML flow list, {@code [a, b]}, for several values. */
    private static Setting setting(String value, boolean multiple, String where) {
        if (value.isEmpty()) {
            return new Setting(null, where);
        }
        if (multiple && value.startsWith("[")) {
            Object list;
            try {
                list = new Load(LoadSettings.builder().build()).loadFromString(value);
            } catch (YamlEngineException e) {
                throw new ConfigLayer.Invalid(where + ": invalid YAML list: " + e.getMessage().replaceAll("\\s*\\n\\s*", " "));
            }
            List<String> values = new ArrayList<>();
            for (Object item : (List<?>) list) {
                if (item == null || item instanceof Map || item instanceof List) {
                    throw new ConfigLayer.Invalid(where + ": every item of the list must be a value");
                }
                values.add(item.toString());
            }
            return new Setting(values, where);
        }
        return new Setting(List.of(value), where);
    }
}
