package io.drover.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration's sections and keys, read from picocli's command model: a section per command (named as typed
 * after {@code drover}, e.g. {@code runs ls}), a key per long option without its dashes, and the {@code common}
 * section of the keys in {@link #SHARED} for every command that has them.
 */
final class ConfigKeys {
    static final String COMMON = "common";
    /** Where the farm is and how SUTs are reached: the same meaning in every command that has them. */
    static final List<String> SHARED = List.of("kafka", "kafka-config", "namespace", "db", "results", "identity", "known-hosts",
            "host-key-policy", "grace", "sut-workdir", "keep-sut-files");

    private final Map<String, CommandLine> commands = new LinkedHashMap<>();
    private final Map<String, Map<String, OptionSpec>> keys = new LinkedHashMap<>();
    private final Map<ArgSpec, String> sectionOf = new IdentityHashMap<>();
    private final Set<ArgSpec> required = Collections.newSetFromMap(new IdentityHashMap<>());

    private ConfigKeys() {
    }

    /** The keys of the commands under {@code root}; before a default value provider is installed there. */
    static ConfigKeys of(CommandSpec root) {
        ConfigKeys model = new ConfigKeys();
        root.subcommands().values().forEach(sub -> model.add(sub, ""));
        return model;
    }

    private void add(CommandLine command, String parent) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        String section = parent.isEmpty() ? spec.name() : parent + " " + spec.name();
        if (commands.putIfAbsent(section, command) != null) {
            return; // an alias
        }
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (configurable(option)) {
                options.put(key(option), option);
                sectionOf.put(option, section);
                if (option.required()) {
                    required.add(option);
                }
            }
        }
        keys.put(section, options);
        spec.subcommands().values().forEach(sub -> add(sub, section));
    }

    private static boolean configurable(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp() && !option.hidden() && !option.inherited()
                && option.longestName().startsWith("--");
    }

    static String key(OptionSpec option) {
        return option.longestName().substring(2);
    }

    /** Every command's section, parents before their subcommands; some have no keys. */
    Set<String> sections() {
        return keys.keySet();
    }

    /** The names of a section's subcommands' sections, {@code ls} for {@code runs}; of the top ones for "". */
    List<String> subsections(String section) {
        String prefix = section.isEmpty() ? "" : section + " ";
        List<String> names = new ArrayList<>();
        for (String name : keys.keySet()) {
            if (name.startsWith(prefix) && name.indexOf(' ', prefix.length()) < 0) {
                names.add(name.substring(prefix.length()));
            }
        }
        return names;
    }

    Map<String, OptionSpec> keys(String section) {
        return keys.getOrDefault(section, Map.of());
    }

    CommandLine command(String section) {
        return commands.get(section);
    }

    /** The section of a configurable option, or null. */
    String sectionOf(ArgSpec arg) {
        return sectionOf.get(arg);
    }

    /**
     * Whether an option must be given. Once a default value provider is installed, picocli's {@code required()} asks
     * it, so this is recorded before.
     */
    boolean isRequired(OptionSpec option) {
        return required.contains(option);
    }

    boolean isShared(String key) {
        return SHARED.contains(key);
    }

    /** The sections that have a key. */
    List<String> sectionsWith(String key) {
        List<String> sections = new ArrayList<>();
        keys.forEach((section, options) -> {
            if (options.containsKey(key)) {
                sections.add(section);
            }
        });
        return sections;
    }

    /** {@code DROVER_RUNS_LS_LIMIT} for key {@code limit} of section {@code runs ls}; the section may be empty. */
    static String environmentName(String section, String key) {
        String name = section.isEmpty() ? key : section + "_" + key;
        return "DROVER_" + name.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
