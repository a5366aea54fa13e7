package io.drover.cli;

import io.drover.coordinator.export.ExportRun;
import io.drover.coordinator.export.ResultsFormat;
import io.drover.coordinator.export.ResultsFormats;
import io.drover.coordinator.store.RunTests;
import io.drover.coordinator.store.StoreException;
import io.drover.coordinator.store.StoreReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover results}: a run's results from the store, in the format a tool wants. */
@Command(name = "results", description = {"A run's results from the result store, as it is now (a running run's tests "
        + "show pending or running): a table, line-JSON, JUnit XML, tmt's results.yaml or atex's line-JSON.",
        "Exit codes: 0 written, 64 no such run, 74 the database cannot be used."})
final class ResultsCommand implements Callable<Integer> {
    @Mixin
    RunChoice which;
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "table, json, junit, tmt or atex "
            + "(default: table).")
    String format = "table";
    @Mixin
    DatabaseFlag database;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        which.check();
        ResultsFormat writer;
        try {
            writer = ResultsFormats.of(format);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--format: " + e.getMessage());
        }
        try (DatabaseFlag.Opened opened = database.open(false, err)) {
            StoreReader reader = new StoreReader(opened.database());
            String id = which.resolve(reader, opened.database().where());
            Optional<ExportRun> exported = reader.exportRun(id);
            if (exported.isEmpty()) {
                throw new ExitCodes.UsageException("no run " + id + " in the result store (drover runs ls lists them)");
            }
            try (RunTests tests = reader.tests(id)) {
                writer.write(exported.get(), tests, out);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (StoreException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
    }
}
