package io.drover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.store.RunSummary;
import io.drover.coordinator.store.StoreException;
import io.drover.coordinator.store.StoreReader;
import io.drover.coordinator.store.StoreRetention;
import io.drover.embedded.StateDir;
import io.drover.tmt.TmtDuration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover runs ls|rm}: the runs in the result store. */
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

    @Command(name = "rm", description = {"Remove runs from the result store, with their output and files under the "
            + "results directory. A run still running is kept unless --force is given (its events would store it "
            + "again). The runs' events stay in Kafka as long as its retention keeps them.",
            "Exit codes: 0 removed, 1 a run named is not in the store, 64 bad usage, 74 the database or a directory "
            + "cannot be used."})
    int rm(@Mixin DatabaseFlag database,
           @Parameters(paramLabel = "RUN", arity = "0..*", description = "The runs to remove.") List<String> named,
           @Option(names = "--older-than", paramLabel = "AGE", description = "Also every run created more than AGE "
                   + "ago (tmt's duration syntax: 30d, 12h, 90m).") String olderThan,
           @Option(names = "--results", paramLabel = "DIR", description = "The store's results directory (default: "
                   + "$XDG_STATE_HOME/drover/results or ~/.local/state/drover/results).") Path results,
           @Option(names = "--force", description = "Remove runs that are still running too.") boolean force)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((named == null || named.isEmpty()) && olderThan == null) {
            throw new ExitCodes.UsageException("name the runs to remove, or give --older-than AGE");
        }
        OffsetDateTime before = null;
        if (olderThan != null) {
            try {
                before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(TmtDuration.toSeconds(olderThan));
            } catch (IllegalArgumentException e) {
                throw new ExitCodes.UsageException("--older-than " + olderThan + ": " + e.getMessage());
            }
        }
        Path root = results != null ? results : StateDir.of("results");
        int exit = ExitCodes.OK;
        try (DatabaseFlag.Opened opened = database.open(false, err)) {
            StoreReader reader = new StoreReader(opened.database());
            StoreRetention retention = new StoreRetention(opened.database());
            Set<String> runs = new LinkedHashSet<>(named == null ? List.of() : named);
            if (before != null) {
                runs.addAll(retention.createdBefore(before));
            }
            for (String run : runs) {
                Optional<RunSummary> summary = reader.run(run);
                if (summary.isEmpty()) {
                    err.println("drover: error: no run " + run + " in the store");
                    exit = 1;
                    continue;
                }
                if (summary.get().exitCode() == null && !force) {
                    err.println("drover: run " + run + " is still running: kept (--force removes it)");
                    continue;
                }
                retention.remove(run, root);
                out.println("removed " + run + " (" + summary.get().tests() + " tests)");
                out.flush();
            }
        } catch (StoreException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
        return exit;
    }

    private static String state(RunSummary run) {
        return run.exitCode() == null ? "running" : "exit " + run.exitCode();
    }
}
