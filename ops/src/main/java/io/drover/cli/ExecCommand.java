package io.drover.cli;

import io.drover.coordinator.farm.RunIntake;
import io.drover.result.RunTally;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.Discovery;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtDuration;
import io.drover.tmt.TmtTree;
import io.drover.tree.FileTrees;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.runner.PlanExecution;
import io.drover.worker.runner.StepExecutors;
import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sim.SimulatedSutFarm;
import io.drover.worker.sut.LocalSutConnection;
import io.drover.worker.sut.SshOptions;
import io.drover.worker.sut.SshTransport;
import io.drover.sut.SutAddress;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutRequirements;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover exec}: run plans on given SUTs from this process, without Kafka. */
@Command(name = "exec", description = {"Run the plans' tests on the given SUTs from this process (a free SUT takes the next test).",
        "Exit codes: 0 all passed, 1 a test failed, 2 a test errored, 3 nothing ran, 4 all skipped, "
                + "5 the infrastructure failed (SUT lost, SSH, setup, protocol)."})
final class ExecCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A directory in the fmf tree (default: .).")
    Path path = Path.of(".");
    @Option(names = "--sut", required = true, paramLabel = "ADDR", description = "A SUT: 'local', ssh://user@host[:port], or sim:N for N "
            + "simulated SUTs started in this process. Repeatable.")
    List<String> suts = new ArrayList<>();
    @Mixin
    SelectionFlags selection;
    @Mixin
    ContextOptions context;
    @Option(names = "--artifacts", paramLabel = "DIR", description = "Where results go (default: drover-artifacts/RUN-ID).")
    Path artifacts;
    @Mixin
    ExecutionFlags execution;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ExecutionSettings settings = execution.settings();
        SshOptions sshOptions = execution.ssh.options();
        List<SutAddress> addresses = new ArrayList<>();
        int simulated = 0;
        for (String sut : suts) {
            if (suts.indexOf(sut) != suts.lastIndexOf(sut) && !sut.startsWith("sim")) {
                throw new ExitCodes.UsageException("--sut " + sut + " is given twice; a SUT runs one test at a time");
            }
            if (sut.matches("sim(:\\d+)?")) {
                simulated += sut.equals("sim") ? 1 : Integer.parseInt(sut.substring(4));
                continue;
            }
            try {
                addresses.add(SutAddress.parse(sut));
            } catch (IllegalArgumentException e) {
                throw new ExitCodes.UsageException(e.getMessage() + ", or sim:N");
            }
        }
        if (simulated > 1000) {
            throw new ExitCodes.UsageException("at most 1000 simulated SUTs, not " + simulated);
        }
        if (!Files.isDirectory(path)) {
            throw new ExitCodes.UsageException(path + ": no such directory");
        }
        if (artifacts != null && Files.isDirectory(artifacts)) {
            try (var entries = Files.list(artifacts)) {
                if (entries.findAny().isPresent()) {
                    throw new ExitCodes.UsageException("--artifacts " + artifacts + " is not empty; give a new directory");
                }
            }
        }
        TmtTree tree = TmtTree.load(path);
        DiscoverRequest request = new DiscoverRequest(selection.plans(tree), selection.defaultPlan, context.context(),
                null, null, null, null, null, selection.names(tree));
        List<PlanTests> discovered = new Discovery(tree).discover(request);
        String runId = RunIntake.newRunId();
        Path artifactRoot = artifacts != null ? artifacts : Path.of("drover-artifacts", runId);
        Files.createDirectories(artifactRoot);
        int total = discovered.stream().mapToInt(p -> p.tests().size()).sum();

        RunConsole console = new RunConsole(err, System.console() != null);
        console.started(runId, total, discovered.size(), addresses.size() + simulated, "artifacts in " + artifactRoot);
        ExecProgress progress = new ExecProgress(console);
        if (total == 0) {
            return console.finished("artifacts in " + artifactRoot);
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("drover-timer"));
        ExecutorService blocking = StepExecutors.newExecutor("drover-exec");
        SshTransport transport = simulated > 0 || addresses.stream().anyMatch(a -> a instanceof SutAddress.Ssh)
                ? SshTransport.start() : null;
        Path simRoot = simulated > 0 ? Files.createTempDirectory("drover-sim") : null;
        SimulatedSutFarm farm = simulated > 0 ? SimulatedSutFarm.start(simRoot, simulated) : null;
        List<SutConnection> connections = connect(addresses, transport, sshOptions, progress);
        if (farm != null) {
            for (SimulatedSut sim : farm.suts()) {
                connections.addAll(connect(List.of(sim.address()), transport, farm.sshOptions(), progress));
            }
        }
        try {
            if (connections.isEmpty()) {
                err.println("drover: error: no SUT could be reached");
                return RunTally.INFRASTRUCTURE;
            }
            PlanExecution execution = new PlanExecution(connections, discovered, tree.root(), artifactRoot, runId,
                    settings, progress, timers, blocking);
            try (Interrupts interrupts = Interrupts.cancel(execution::cancel, err)) {
                execution.run();
                int code = console.finished("artifacts in " + artifactRoot);
                return interrupts.happened() ? ExitCodes.INTERRUPTED : code;
            }
        } finally {
            connections.forEach(SutConnection::close);
            if (transport != null) {
                transport.close();
            }
            if (farm != null) {
                farm.close();
                FileTrees.deleteQuietly(simRoot);
            }
            timers.shutdownNow();
            blocking.shutdownNow();
        }
    }

    private List<SutConnection> connect(List<SutAddress> addresses, SshTransport transport, SshOptions options,
                                        ExecProgress progress) {
        List<SutConnection> connections = new ArrayList<>();
        for (SutAddress address : addresses) {
            try {
                SutConnection connection = address instanceof SutAddress.Ssh
                        ? transport.connect(address, options) : new LocalSutConnection();
                try {
                    SutRequirements.standard().check(connection);
                } catch (SutException e) {
                    connection.close();
                    throw e;
                }
                connections.add(connection);
            } catch (SutException e) {
                progress.sutFailed(address, e.getMessage());
            }
        }
        return connections;
    }

    static long parseDuration(String text, String option) {
        try {
            return TmtDuration.toSeconds(text);
        } catch (RuntimeException e) {
            throw new ExitCodes.UsageException(option + " " + text + ": not a duration (e.g. 30s, 2m, 1h)");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
