package io.drover.cli;

import picocli.CommandLine;

/** A mistake in the configuration file or in a DROVER_ environment variable: one line, exit 64. */
final class ConfigException extends CommandLine.ParameterException {
    ConfigException(CommandLine command, String message) {
        super(command, message);
    }
}
