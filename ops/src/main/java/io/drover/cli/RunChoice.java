package io.drover.cli;

import io.drover.coordinator.store.StoreReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code RUN} or {@code --last}: the run a command is about, by default the newest in the result store. */
final class RunChoice {
    @Parameters(arity = "0..1", paramLabel = "RUN", description = "The run's id (default: the newest run in the "
            + "result store).")
    String run;
    @Option(names = "--last", description = "The newest run in the result store (the default without RUN).")
    boolean last;

    /** A RUN and --last together are a usage error. */
    void check() {
        if (run != null && last) {
            throw new ExitCodes.UsageException("give a RUN or --last, not both");
        }
    }

    /** The run given, else the newest in the store at {@code where}; a store without runs is a usage error. */
    String resolve(StoreReader store, String where) {
        return run != null ? run : store.lastRun().orElseThrow(() -> new ExitCodes.UsageException(
                "the result store in " + where + " has no run yet"));
    }
}
