package io.drover.cli;

import io.drover.worker.runner.ExecutionSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a worker runs tests: its capacity, where it keeps artifacts, the grace period, SSH and the SUTs' work dir. */
final class WorkerFlags {
    @Option(names = "--capacity", paramLabel = "N", description = "At most this many jobs at once per worker (default: 50).")
    int capacity = 50;
    @Option(names = "--artifacts", paramLabel = "DIR", description = "Where the worker writes each attempt's results and files, "
            + "as DIR/RUN/PLAN/TEST/attempt-N (default: drover-artifacts).")
    Path artifacts = Path.of("drover-artifacts");
    @Option(names = "--grace", paramLabel = "DURATION", description = "After SIGINT at a test's deadline, how long before SIGKILL (default: 60s).")
    String grace = "60s";
    @Option(names = "--sut-workdir", paramLabel = "DIR", description = "Where the runner keeps its files on the SUTs, an absolute path "
            + "(default: $DROVER_WORK_ROOT on the SUT, else /var/lib/drover for root, ~/.local/state/drover for others).")
    String sutWorkdir;
    @Option(names = "--keep-sut-files", description = "Leave a run's directory on the SUTs when the run is over.")
    boolean keepSutFiles;
    @Mixin
    SshFlags ssh;

    ExecutionSettings settings() {
        if (capacity < 1) {
            throw new ExitCodes.UsageException("--capacity must be 1 or more, not " + capacity);
        }
        if (sutWorkdir != null && !sutWorkdir.startsWith("/")) {
            throw new ExitCodes.UsageException("--sut-workdir must be an absolute path, not '" + sutWorkdir + "'");
        }
        return ExecutionSettings.defaults().withGrace(Duration.ofSeconds(ExecCommand.parseDuration(grace, "--grace")))
                .withWorkRoot(sutWorkdir).withKeepSutFiles(keepSutFiles);
    }
}
