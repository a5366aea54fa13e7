package io.drover.worker.farm;

import static io.drover.worker.sut.ShellWords.quote;

import io.drover.job.Job;
import io.drover.worker.runner.SafeNames;
import io.drover.worker.runner.SutWorkspace;
import io.drover.worker.runner.TestInvocation;
import io.drover.worker.sut.CommandResult;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.time.Duration;
import java.util.Optional;

/**
 * What the farm leaves on a SUT so that a job delivered again (after a worker was lost) is not run twice:
 * a {@code jobs/<n>.done} file in the run's directory per prepare or finish that ended, a {@code .released}
 * file next to the run's directory once the run let go of the SUT, each holding the job's
 * {@code job.finished} line; and, the runner's own, a test attempt's {@code started} file.
 */
final class SutMarkers {
    private static final Duration QUICK = Duration.ofSeconds(30);

    private SutMarkers() {
    }

    /** A test attempt the runner started: its segment now and the size of its control spool. */
    record Started(int segment, long controlBytes) {
    }

    /** The {@code job.finished} line of the run's release on this SUT, when it was released. */
    static Optional<String> released(SutWorkspace workspace) throws SutException {
        return firstLine(workspace, workspace.releasedFile());
    }

    static void markReleased(SutWorkspace workspace, String line) throws SutException {
        write(workspace, workspace.releasedFile(), line);
    }

    /** The {@code job.finished} line of the prepare or finish job, when it ended before. */
    static Optional<String> done(SutWorkspace workspace, Job job) throws SutException {
        return firstLine(workspace, doneFile(workspace, job));
    }

    static void markDone(SutWorkspace workspace, Job job, String line) throws SutException {
        write(workspace, doneFile(workspace, job), line);
    }

    /**
     * In one command: the run's release line on this SUT, if it was released, and whether the runner started the
     * attempt already and how far it got.
     */
    record TestProbe(Optional<String> released, Optional<Started> started) {
    }

    static TestProbe probe(SutWorkspace workspace, TestInvocation invocation) throws SutException {
        String released = quote(workspace.releasedFile());
        CommandResult result = workspace.sut().run("if [ -e " + released + " ]; then printf '+%s\\n' \"$(head -n 1 "
                + released + ")\"; exit 0; fi; cd " + quote(workspace.invocationDir(invocation))
                + " 2>/dev/null && [ -s started ] || exit 0; read -r segment _ < started; "
                + "printf '%s %s\\n' \"$segment\" \"$(cat control 2>/dev/null | wc -c)\"", QUICK);
        String out = result.stdout().strip();
        if (!result.succeeded()) {
            throw new SutException(SutFailureClass.LOST, workspace.sut().address().display() + ": cannot look at "
                    + workspace.invocationDir(invocation) + ": " + result.stderr().strip());
        }
        if (out.startsWith("+")) {
            return new TestProbe(Optional.of(out.substring(1)), Optional.empty());
        }
        String[] words = out.split("\\s+");
        if (words.length != 2 || !words[0].matches("\\d{1,6}") || !words[1].matches("\\d{1,18}")) {
            return new TestProbe(Optional.empty(), Optional.empty());
        }
        return new TestProbe(Optional.empty(),
                Optional.of(new Started(Integer.parseInt(words[0]), Long.parseLong(words[1]))));
    }

    private static String doneFile(SutWorkspace workspace, Job job) {
        String id = job.id();
        return workspace.runDir() + "/jobs/" + SafeNames.of(id.substring(id.lastIndexOf('/') + 1)) + ".done";
    }

    private static Optional<String> firstLine(SutWorkspace workspace, String file) throws SutException {
        CommandResult result = workspace.sut().run("if [ -e " + quote(file) + " ]; then printf '+%s\\n' \"$(head -n 1 "
                + quote(file) + ")\"; fi", QUICK);
        String out = result.stdout().strip();
        if (!result.succeeded()) {
            throw new SutException(SutFailureClass.LOST, workspace.sut().address().display() + ": cannot read " + file
                    + ": " + result.stderr().strip());
        }
        return out.startsWith("+") && out.length() > 1 ? Optional.of(out.substring(1)) : Optional.empty();
    }

    /** Written whole or not at all: a file that is there holds the full line. */
    private static void write(SutWorkspace workspace, String file, String line) throws SutException {
        String part = quote(file + ".part");
        CommandResult result = workspace.sut().run("mkdir -p \"$(dirname " + quote(file) + ")\" && printf '%s\\n' "
                + quote(line) + " > " + part + " && mv -f " + part + " " + quote(file), QUICK);
        if (!result.succeeded()) {
            throw new SutException(SutFailureClass.SETUP, workspace.sut().address().display() + ": cannot write "
                    + file + ": " + result.stderr().strip());
        }
    }
}
