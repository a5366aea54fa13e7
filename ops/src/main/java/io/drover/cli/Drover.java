package io.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command line. */
@Command(name = "drover", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Drover.Version.class,
        description = "Runs tmt/fmf test plans on a farm of machines.")
public final class Drover implements Runnable {
    /** The commands, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(FmfCommand.class, TestsCommand.class, PlansCommand.class, DiscoverCommand.class,
            ExecCommand.class, RunCommand.class, CoordinatorCommand.class, WorkerCommand.class, StoreCommand.class,
            RunsCommand.class, ResultsCommand.class, TailCommand.class, BrokerCommand.class, CommandLine.HelpCommand.class);
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.LOCAL, description = "The "
            + "configuration file (default: $DROVER_CONFIG, else $XDG_CONFIG_HOME/drover/drover.yaml when it exists; "
            + "see docs/configuration.md).")
    Path config;

    public static void main(String[] args) {
        System.setProperty("picocli.disable.closures", "true"); // spares a failed search for Groovy on every start
        LoadAhead.start(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs one command line with options not given taken from this environment and the configuration file. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = commandLine(environment, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExpandAtFiles(false); // -c @file.yaml is a context file, not a picocli argument file
        ExitCodes.install(cli);
        return cli.execute(args);
    }

    /** Every command, its options' defaults configured by this environment and the configuration file. */
    static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, null);
    }

    /**
     * The command line for these arguments. Picocli builds a command's model from its annotations, which costs most of
     * a short command's start when done for every command; so only the command named is built when nothing else is
     * needed, and none for {@code --version}: every command is built when there are no arguments, when no command is
     * named (help, a mistake), and when a configuration file or variable exists, since the configuration is checked
     * against them all.
     */
    static CommandLine commandLine(Map<String, String> environment, String[] args) {
        Drover drover = new Drover();
        CommandLine cli = new CommandLine(drover);
        List<Class<?>> commands = args == null || configured(args, environment) ? COMMANDS : needed(args);
        commands.forEach(cli::addSubcommand);
        ConfigDefaults defaults = new ConfigDefaults(cli.getCommandSpec(), environment, () -> drover.config);
        cli.setDefaultValueProvider(defaults);
        cli.setExecutionStrategy(defaults.then(new CommandLine.RunLast()));
        return cli;
    }

    /** The commands {@code args} need: the one named, none to print the version, else every command. */
    private static List<Class<?>> needed(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        Class<?> named = named(args);
        return named == null ? COMMANDS : List.of(named);
    }

    /** The command that {@code args} name after the top-level options, or null. */
    private static Class<?> named(String[] args) {
        int at = commandAt(args);
        if (at < args.length) {
            for (Class<?> command : COMMANDS) {
                Command annotation = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class
                        && (annotation.name().equals(args[at]) || Arrays.asList(annotation.aliases()).contains(args[at]))) {
                    return command;
                }
            }
        }
        return null;
    }

    /** Where the command's name is in {@code args}: after the top-level {@code --config}; the length when there is none. */
    static int commandAt(String[] args) {
        int at = 0;
        while (at < args.length && (args[at].equals("--config") || args[at].startsWith("--config="))) {
            at += args[at].equals("--config") ? 2 : 1;
        }
        return Math.min(at, args.length);
    }

    /** Whether a configuration file or variable may set options: {@link ConfigDefaults} then checks every command's. */
    private static boolean configured(String[] args, Map<String, String> environment) {
        for (String arg : args) {
            if (arg.equals("--config") || arg.startsWith("--config=")) {
                return true;
            }
        }
        for (String variable : environment.keySet()) {
            if (variable.startsWith("DROVER_") && !ConfigEnvironment.OTHERS.contains(variable)) {
                return true;
            }
        }
        return ConfigDefaults.file(environment, null) != null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Drover.class.getResourceAsStream("/drover-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"drover " + properties.getProperty("version", "unknown")};
        }
    }
}
