package io.drover.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Converts configured values with the option's own type and converters, as picocli converts them on the command line. */
final class OptionValues {
    private static final String PICOCLI_PREFIX = "Invalid value for option '";

    private OptionValues() {
    }

    /** The typed value (a collection for a repeatable option); {@link ConfigLayer.Invalid} when the type refuses it. */
    static Object convert(OptionSpec option, Setting setting) {
        OptionSpec probe = OptionSpec.builder(option.longestName()).type(option.type())
                .auxiliaryTypes(option.auxiliaryTypes()).converters(option.converters()).arity("1").build();
        CommandLine cli = new CommandLine(CommandSpec.create().addOption(probe));
        List<String> values = setting.values();
        if (values.size() > 1 && !option.isMultiValue()) {
            throw new ConfigLayer.Invalid(setting.where() + ": takes one value, not a list");
        }
        try {
            cli.parseArgs(values.stream().map(value -> option.longestName() + "=" + value).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            String reason = e.getMessage();
            int end = reason.startsWith(PICOCLI_PREFIX) ? reason.indexOf("': ") : -1;
            throw new ConfigLayer.Invalid(setting.where() + ": " + (end < 0 ? reason : reason.substring(end + 3)));
        }
        return probe.getValue();
    }
}
