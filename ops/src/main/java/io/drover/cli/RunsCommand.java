package io.drover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.store.RunSummary;
import io.drover.coordinator.store.StoreException;
import io.drover.coordinator.store.StoreReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover runs ls}: the runs in the result store. */
@Command(name = "runs", description = "The runs in the result store.")
final class RunsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Command(name = "ls", description = {"The newest runs first: id, when it was created, its state, its tests done of "
            + "all and their counts, its tree.", "Exit codes: 0 listed, 74 the database cannot be used."})
    int ls(@Mixin DatabaseFlag database,
           @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "At most N runs (default: 20).")
           Integer limit,
           @Option(names = "--json", description = "One JSON object per run and line.") boolean json)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = limit == null ? 20 : limit;
        if (n < 1) {
            throw new ExitCodes.UsageException("--limit must be 1 or more, not " + n);
        }
        List<RunSummary> runs;
        try (DatabaseFlag.Opened opened = database.open(false, err)) {
            runs = new StoreReader(opened.database()).runs(n);
        } catch (StoreException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
        if (json) {
            for (RunSummary run : runs) {
                out.println(JSON.writeValueAsString(run));
            }
        } else {
            out.printf("%-22s %-20s %-9s %11s %6s %6s %6s %6s %6s  %s%n", "RUN", "CREATED", "STATE", "DONE/TESTS",
                    "PASS", "FAIL", "ERROR", "SKIP", "INFRA", "TREE");
            for (RunSummary run : runs) {
                out.printf("%-22s %-20s %-9s %11s %6d %6d %6d %6d %6d  %s%n", run.run(),
                        run.createdAt().substring(0, 19).replace('T', ' '), state(run), run.done() + "/" + run.tests(),
                        run.passed(), run.failed(), run.errored(), run.skipped(), run.infrastructure(),
                        run.tree() + (run.ref() == null ? "" : " @ " + run.ref().substring(0, Math.min(12,
                                run.ref().length()))));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String state(RunSummary run) {
        return run.exitCode() == null ? "running" : "exit " + run.exitCode();
    }
}
