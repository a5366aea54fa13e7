package io.drover.coordinator.store;

import io.drover.coordinator.export.ResultsFormats;
import io.drover.coordinator.export.ExportRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A finished run's results as atex aggregates them: gzipped line-JSON, one {@code [platform, status, test, subtest,
 * files, note]} array per result, in the run's directory. Written from the store's tables, whole or not at all.
 */
final class RunAggregate {
    static final String FILE = "results.jsonl.gz";

    private RunAggregate() {
    }

    /** Writes the run's aggregate; a run the store does not have is skipped. */
    static void write(StoreReader reader, String run, Path runDir) throws IOException {
        Optional<ExportRun> exported = reader.exportRun(run);
        if (exported.isEmpty()) {
            return;
        }
        Files.createDirectories(runDir);
        Path partial = runDir.resolve(FILE + ".partial");
        try (RunTests tests = reader.tests(run);
             Writer out = new OutputStreamWriter(new FastGzip(Files.newOutputStream(partial)),
                     StandardCharsets.UTF_8)) {
            ResultsFormats.of("atex").write(exported.get(), tests, out);
        }
        Files.move(partial, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** gzip at its fastest level: a store writes one aggregate per run, while it stores other runs. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
