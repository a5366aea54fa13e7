package io.drover.cli;

import io.drover.worker.runner.ExecutionSettings;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How tests run on the SUTs: the grace period, the runner's directory there, and how to log in. */
final class ExecutionFlags {
    @Option(names = "--grace", paramLabel = "DURATION", description = "After SIGINT at a test's deadline, how long before SIGKILL (default: 60s).")
    String grace = "60s";
    @Option(names = "--sut-workdir", paramLabel = "DIR", description = "Where the runner keeps its files on the SUTs, an absolute path "
            + "(default: $DROVER_WORK_ROOT on the SUT, else /var/lib/drover for root, ~/.local/state/drover for others).")
    String sutWorkdir;
    @Option(names = "--keep-sut-files", description = "Leave a run's directory on the SUTs (test data, spools, logs) when the run is over.")
    boolean keepSutFiles;
    @Mixin
    SshFlags ssh;

    ExecutionSettings settings() {
        if (sutWorkdir != null && !sutWorkdir.startsWith("/")) {
            throw new ExitCodes.UsageException("--sut-workdir must be an absolute path, not '" + sutWorkdir + "'");
        }
        return ExecutionSettings.defaults().withGrace(Duration.ofSeconds(ExecCommand.parseDuration(grace, "--grace")))
                .withWorkRoot(sutWorkdir).withKeepSutFiles(keepSutFiles);
    }
}
