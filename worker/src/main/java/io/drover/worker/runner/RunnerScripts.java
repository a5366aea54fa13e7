package io.drover.worker.runner;

import io.drover.worker.sut.ShellWords;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The runner's scripts, shipped in this jar and installed into a run's {@code bin/} on the SUT. */
final class RunnerScripts {
    static final String RUNNER = "drover-runner";
    static final String SHIM = "drover-shim";
    /** tmt's helper commands and their restraint/rhts aliases, all links to {@link #SHIM}. */
    static final List<String> HELPERS = List.of(
            "tmt-report-result", "rstrnt-report-result", "rhts-report-result",
            "tmt-file-submit", "rstrnt-report-log", "rhts-submit-log", "rhts_submit_log",
            "tmt-reboot", "rstrnt-reboot", "rhts-reboot",
            "tmt-abort", "rstrnt-abort", "rhts-abort");

    private RunnerScripts() {
    }

    /** Copies the runner and the helpers into {@code binDir}, which must exist. */
    static void install(SutConnection sut, String binDir) throws SutException {
        for (String script : List.of(RUNNER, SHIM)) {
            try (InputStream content = open(script)) {
                sut.send(content, binDir + "/" + script);
            } catch (SutException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + script, e);
            }
        }
        String links = HELPERS.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
        String command = "cd " + ShellWords.quote(binDir) + " && chmod 755 " + RUNNER + " " + SHIM
                + " && for h in " + links + "; do ln -sfn " + SHIM + " \"$h\" || exit; done";
        var result = sut.run(command, Duration.ofSeconds(30));
        if (!result.succeeded()) {
            throw new SutException(SutFailureClass.SETUP, sut.address().display() + ": cannot install the runner in "
                    + binDir + ": " + result.stderr().strip());
        }
    }

    private static InputStream open(String script) {
        InputStream in = RunnerScripts.class.getResourceAsStream(script);
        if (in == null) {
            throw new IllegalStateException("the runner script " + script + " is missing from the jar");
        }
        return in;
    }
}
