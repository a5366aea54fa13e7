package io.drover.cli;

import io.drover.coordinator.pool.SettingsFileException;
import io.drover.fmf.FmfException;
import io.drover.tmt.NoSuchPlanException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Exit codes and error lines. A user mistake prints one line naming the file, line, key
 * or plan, never a stack trace: 64 for bad usage (options, unknown plan), 65 for bad
 * metadata (YAML, fmf, tmt). Anything else is a Drover bug: it keeps its stack trace and
 * exits 70.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int USAGE = 64;
    static final int BAD_METADATA = 65;
    static final int IO_ERROR = 74;
    /** The user interrupted the run (Ctrl-C): 128 + SIGINT, as shells report it. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** Drover itself failed (a bug): never 1, which means "a test failed". */
    static final int SOFTWARE = 70;

    static void install(CommandLine cli) {
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("drover: " + e.getMessage()
                    + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code;
            if (e instanceof UsageException || e instanceof NoSuchPlanException) {
                code = USAGE;
            } else if (e instanceof FmfException || e instanceof SettingsFileException) {
                code = BAD_METADATA;
            } else if (e instanceof UncheckedIOException) {
                code = IO_ERROR;
            } else {
                // a Drover bug: keep the stack trace for the report, and do not exit 1 ("a test failed")
                commandLine.getErr().println("drover: internal error (please report it):");
                e.printStackTrace(commandLine.getErr());
                return SOFTWARE;
            }
            commandLine.getErr().println("drover: error: " + e.getMessage());
            return code;
        });
    }

    /** A mistake in what the user typed, found after parsing (a bad context or filter). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
