package io.drover.worker.runner;

import java.time.Duration;

/**
 * How tests are run.
 *
 * @param grace           after SIGINT at the deadline, how long before SIGKILL
 * @param reconnectWindow how long an unannounced connection loss may last before the SUT counts as lost
 * @param setupTimeout    how long installing a test's requirements may take
 * @param stopMargin      how long after deadline + grace the worker waits for the SUT to end a test itself
 * @param workRoot        the runner's directory on every SUT; null for each SUT's default (see {@link SutWorkspace})
 * @param keepSutFiles    whether a run's directory stays on the SUTs when the run is over
 */
public record ExecutionSettings(Duration grace, Duration reconnectWindow, Duration setupTimeout, Duration stopMargin,
                                String workRoot, boolean keepSutFiles) {
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(Duration.ofSeconds(60), Duration.ofSeconds(12), Duration.ofMinutes(30),
                Duration.ofSeconds(30), null, false);
    }

    public ExecutionSettings withGrace(Duration value) {
        return new ExecutionSettings(value, reconnectWindow, setupTimeout, stopMargin, workRoot, keepSutFiles);
    }

    public ExecutionSettings withReconnectWindow(Duration value) {
        return new ExecutionSettings(grace, value, setupTimeout, stopMargin, workRoot, keepSutFiles);
    }

    public ExecutionSettings withWorkRoot(String value) {
        if (value != null && !value.startsWith("/")) {
            throw new IllegalArgumentException("the work directory on the SUTs must be an absolute path: " + value);
        }
        return new ExecutionSettings(grace, reconnectWindow, setupTimeout, stopMargin, value, keepSutFiles);
    }

    public ExecutionSettings withKeepSutFiles(boolean value) {
        return new ExecutionSettings(grace, reconnectWindow, setupTimeout, stopMargin, workRoot, value);
    }
}
