package io.drover.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The value of an option not given on the command line: from the environment, else from the configuration file,
 * else the built-in default; a command's own key before the {@code common} one. The environment and the file's
 * location are inputs, so that tests need not touch the real ones.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    private final CommandSpec root;
    private final Map<String, String> environment;
    private final Supplier<Path> configFlag;
    private final ConfigKeys keys;
    private ConfigLayer fromEnvironment;
    private ConfigLayer fromFile;
    private final Map<OptionSpec, Object> lists = new IdentityHashMap<>();

    /**
     * {@code configFlag} gives {@code --config}, or null; it is asked only once the top-level options are parsed. To be
     * made before it is installed as the provider of {@code root}.
     */
    ConfigDefaults(CommandSpec root, Map<String, String> environment, Supplier<Path> configFlag) {
        this.root = root;
        this.environment = environment;
        this.configFlag = configFlag;
        this.keys = ConfigKeys.of(root);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.command() == root) {
            return null;
        }
        String section = keys.sectionOf(option);
        if (section == null) {
            return null;
        }
        try {
            load();
            String key = ConfigKeys.key(option);
            Setting setting = lookup(section, key);
            if (setting == null || setting.values() == null) {
                return null;
            }
            Object value = OptionValues.convert(option, setting);
            if (option.isMultiValue()) {
                // picocli takes one string as a default: the whole list is set once parsing is over; the first value
                // tells picocli that a required option has one
                lists.put(option, value);
                return keys.isRequired(option) ? setting.values().get(0) : null;
            }
            return setting.values().get(0);
        } catch (ConfigLayer.Invalid e) {
            throw new ConfigException(keys.command(section), e.getMessage());
        }
    }

    /** Runs {@code next} once the configured lists are set: the execution strategy of a command line with these defaults. */
    IExecutionStrategy then(IExecutionStrategy next) {
        return parseResult -> {
            Set<OptionSpec> given = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
                given.addAll(command.matchedOptions());
            }
            lists.forEach((option, value) -> {
                if (!given.contains(option)) {
                    option.setValue(value);
                }
            });
            return next.execute(parseResult);
        };
    }

    private Setting lookup(String section, String key) {
        boolean shared = keys.isShared(key);
        Setting setting = fromEnvironment.get(section, key);
        if (setting == null && shared) {
            setting = fromEnvironment.get(ConfigKeys.COMMON, key);
        }
        if (setting == null) {
            setting = fromFile.get(section, key);
        }
        if (setting == null && shared) {
            setting = fromFile.get(ConfigKeys.COMMON, key);
        }
        return setting;
    }

    private void load() {
        if (fromFile == null) {
            fromEnvironment = ConfigEnvironment.read(environment, keys);
            Path file = file(environment, configFlag.get());
            fromFile = file == null ? ConfigLayer.EMPTY : ConfigFile.read(file, keys);
        }
    }

    /** {@code --config}, else $DROVER_CONFIG, else $XDG_CONFIG_HOME/drover/drover.yaml when it exists; or null. */
    static Path file(Map<String, String> environment, Path flag) {
        if (flag != null) {
            return flag;
        }
        String variable = environment.get("DROVER_CONFIG");
        if (variable != null && !variable.isEmpty()) {
            return Path.of(variable);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        Path file = base.resolve("drover").resolve("drover.yaml");
        return Files.isRegularFile(file) ? file : null;
    }
}
