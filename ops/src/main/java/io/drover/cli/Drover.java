package io.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command line. */
@Command(name = "drover", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Drover.Version.class,
        description = "Runs tmt/fmf test plans on a farm of machines.",
        subcommands = {FmfCommand.class, TestsCommand.class, PlansCommand.class, DiscoverCommand.class, ExecCommand.class, RunCommand.class, CoordinatorCommand.class, WorkerCommand.class, StoreCommand.class, RunsCommand.class, ResultsCommand.class, TailCommand.class, BrokerCommand.class,
                CommandLine.HelpCommand.class})
public final class Drover implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.LOCAL, description = "The "
            + "configuration file (default: $DROVER_CONFIG, else $XDG_CONFIG_HOME/drover/drover.yaml when it exists; "
            + "see docs/configuration.md).")
    Path config;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs one command line with options not given taken from this environment and the configuration file. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = commandLine(environment);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExpandAtFiles(false); // -c @file.yaml is a context file, not a picocli argument file
        ExitCodes.install(cli);
        return cli.execute(args);
    }

    /** The command line, its options' defaults configured by this environment and the configuration file. */
    static CommandLine commandLine(Map<String, String> environment) {
        Drover drover = new Drover();
        CommandLine cli = new CommandLine(drover);
        ConfigDefaults defaults = new ConfigDefaults(cli.getCommandSpec(), environment, () -> drover.config);
        cli.setDefaultValueProvider(defaults);
        cli.setExecutionStrategy(defaults.then(new CommandLine.RunLast()));
        return cli;
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
