package io.drover.cli;

import io.drover.worker.runner.ExecutionSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a worker runs: its capacity, where it keeps artifacts, and how tests run on the SUTs. */
final class WorkerFlags {
    @Option(names = "--capacity", paramLabel = "N", description = "At most this many jobs at once per worker (default: 50).")
    int capacity = 50;
    @Option(names = "--artifacts", paramLabel = "DIR", description = "Where the worker writes each attempt's results and files, "
            + "as DIR/RUN/PLAN/TEST/attempt-N (default: drover-artifacts).")
    Path artifacts = Path.of("drover-artifacts");
    @Mixin
    ExecutionFlags execution;

    ExecutionSettings settings() {
        if (capacity < 1) {
            throw new ExitCodes.UsageException("--capacity must be 1 or more, not " + capacity);
        }
        return execution.settings();
    }
}
