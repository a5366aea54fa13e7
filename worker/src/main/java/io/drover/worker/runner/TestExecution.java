package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;
import static java.nio.file.StandardOpenOption.APPEND;

import io.drover.control.Abort;
import io.drover.control.BadResultException;
import io.drover.control.ControlListener;
import io.drover.control.ControlProtocolException;
import io.drover.control.ControlStreamParser;
import io.drover.control.DurationCommand;
import io.drover.control.FileUpload;
import io.drover.control.ReportedResult;
import io.drover.control.ResultReporter;
import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import io.drover.tmt.TmtOutcomeRule;
import io.drover.tmt.TmtTest;
import io.drover.worker.sut.BoundedCapture;
import io.drover.worker.sut.RunningCommand;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one attempt of one test on a SUT through the runner and turns what happens into a
 * {@link TestOutcome} and an atex artifacts directory. No thread waits for the test: the
 * runner's streams arrive on the connection's threads and feed the control parser and the output
 * file; decisions between runner commands (reconnect, reboot, restart) run on {@code blocking}.
 *
 * <p>What it survives: a dropped connection (reconnect within the window, then read on from the
 * byte offsets); a reboot announced with {@code disconnect} (wait for a new boot id until the
 * deadline, then start the test again with {@code TMT_REBOOT_COUNT} + 1); the SUT never ending
 * the test (the worker gives up {@code stopMargin} after deadline + grace).
 */
public final class TestExecution {
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final SutWorkspace workspace;
    private final SutConnection sut;
    private final TestInvocation invocation;
    private final TmtTest test;
    private final Path artifacts;
    private final String runId;
    private final ExecutionSettings settings;
    private final ScheduledExecutorService timers;
    private final Executor blocking;
    private final String dir;
    private final CompletableFuture<TestOutcome> outcome = new CompletableFuture<>();
    private final long started = System.nanoTime();
    private final AtomicBoolean deadlineDirty = new AtomicBoolean();
    private final AtomicBoolean deadlineWriting = new AtomicBoolean();

    // Guarded by this: changed by the control stream (a connection thread) and by decisions (blocking).
    private ResultReporter reporter;
    private ControlStreamParser parser;
    private OutputStream output;
    private long outputOffset;
    private DurationClock clock;
    private IOException protocolError;
    private boolean disconnectRequested;
    private String cancelReason;
    private Integer exitCode;
    private int restarts;
    private int reboots;
    private String bootId;
    private RunningCommand following;
    private ScheduledFuture<?> stopTimer;
    private boolean done;
    private volatile boolean abortedRun;
    private volatile AttemptListener listener = AttemptListener.NONE;
    private boolean startedTold;
    /** How much of the control spool a re-attach reads again: its duration words were applied on the SUT already. */
    private long replayedControl;

    public TestExecution(SutWorkspace workspace, TestInvocation invocation, Path artifacts, String runId,
                         ExecutionSettings settings, ScheduledExecutorService timers, Executor blocking) {
        this.workspace = workspace;
        this.sut = workspace.sut();
        this.invocation = invocation;
        this.test = invocation.test();
        this.artifacts = artifacts;
        this.runId = runId;
        this.settings = settings;
        this.timers = timers;
        this.blocking = blocking;
        this.dir = workspace.invocationDir(invocation);
    }

    /**
     * Starts the attempt. The future completes with its outcome, or exceptionally with an
     * IOException when the artifacts directory cannot be written.
     */
    public CompletableFuture<TestOutcome> start() {
        later(this::begin);
        return outcome;
    }

    /**
     * Re-attaches to an attempt that another worker started on the SUT and that is still in its first
     * segment (its {@code started} file says 0): writes no files and runs no setup, and reads the spools from
     * their start, so the listener hears the same results in the same order as that worker did.
     * {@code controlSeen} is the control spool's size now: the {@code duration} words in it were applied on
     * the SUT already and are not sent again. Completes as {@link #start()} does.
     */
    public CompletableFuture<TestOutcome> resume(long controlSeen) {
        synchronized (this) {
            replayedControl = controlSeen;
        }
        later(this::beginResumed);
        return outcome;
    }

    /**
     * Stops following the attempt and leaves it running on the SUT, for another worker to re-attach to:
     * no runner command is sent any more, the listener hears nothing more, and the outcome completes with
     * {@code worker-lost} and {@code reason}.
     */
    public void detach(String reason) {
        RunningCommand follower;
        synchronized (this) {
            if (done) {
                return;
            }
            listener = AttemptListener.NONE;
            follower = following;
            try {
                closeOutput();
                if (reporter != null) {
                    reporter.close();
                }
            } catch (IOException e) {
                // a scratch copy: the worker that re-attaches writes its own
            }
            complete("infra", FailureClass.WORKER_LOST, reason);
        }
        if (follower != null) {
            follower.abort();
        }
    }

    /** Tells {@code listener} what happens; call before {@link #start()}. */
    public TestExecution listener(AttemptListener listener) {
        this.listener = listener;
        return this;
    }

    /** Whether the test asked (with tmt-abort) that the tests after it do not run. */
    public boolean abortedRun() {
        return abortedRun;
    }

    /** Ends the test now (SIGINT, the grace period, SIGKILL); its outcome is {@code cancelled}. */
    public void cancel(String reason) {
        synchronized (this) {
            if (done || cancelReason != null) {
                return;
            }
            cancelReason = reason;
            if (clock == null) {
                // not started on the SUT yet: nothing there to stop
                later(() -> finishAborted(FailureClass.CANCELLED, reason));
                return;
            }
        }
        sendCancel();
    }

    private void begin() {
        if (!openArtifacts()) {
            return;
        }
        try {
            startSetup();
        } catch (SutException e) {
            finishAborted(failureClass(e), e.getMessage());
        }
    }

    private void beginResumed() {
        if (!openArtifacts()) {
            return;
        }
        try {
            if (runningOnSut(sut.bootId())) {
                follow();
            }
        } catch (SutException e) {
            finishAborted(failureClass(e), e.getMessage());
        }
    }

    /** The attempt's artifacts directory, its results and output files; false when they cannot be written. */
    private boolean openArtifacts() {
        try {
            Files.createDirectories(artifacts);
            synchronized (this) {
                reporter = new ResultReporter(artifacts, TmtOutcomeRule.of(test.result()), line -> listener.result(line));
                output = Files.newOutputStream(reporter.testOutputFile(), APPEND);
                parser = new ControlStreamParser(new Listener());
            }
            return true;
        } catch (IOException e) {
            outcome.completeExceptionally(e);
            return false;
        }
    }

    /** The test is on the SUT now: its clock starts and the listener hears so once; false when already done. */
    private boolean runningOnSut(String boot) {
        synchronized (this) {
            if (done) {
                return false;
            }
            bootId = boot;
            clock = new DurationClock(test.durationSeconds());
            scheduleStopTimer();
            if (!startedTold) {
                startedTold = true;
                listener.started();
            }
            return true;
        }
    }

    /**
     * Writes the attempt's files, starts installing its requirements and reads the boot id, in one command;
     * no thread waits for that (it may take minutes): {@link #setUpEnded} continues when the command ends.
     */
    private void startSetup() throws SutException {
        workspace.preparePlan(invocation.plan());
        String script = InvocationFiles.script(workspace, invocation, dir, runId);
        BoundedCapture log = new BoundedCapture(SutConnection.CAPTURE_LIMIT);
        LastLine last = new LastLine();
        OutputStream sink = new Tee(log, last);
        // the script reads no input of its own, so bash can read it from there
        RunningCommand setup = sut.start("bash -s && " + workspace.runner() + " setup " + quote(dir),
                script.getBytes(StandardCharsets.UTF_8), sink, sink);
        setup.exit().orTimeout(settings.setupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((status, failure) -> later(() -> setUpEnded(setup, status, failure, log, last)));
    }

    private void setUpEnded(RunningCommand setup, Integer status, Throwable failure, BoundedCapture log, LastLine last) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        try {
            if (cause instanceof java.util.concurrent.TimeoutException) {
                setup.abort();
                throw new SutException(SutFailureClass.SETUP, sut.address().display()
                        + ": installing the requirements of " + invocation.name() + " took longer than "
                        + settings.setupTimeout());
            }
            if (cause != null) {
                throw cause instanceof SutException lost ? lost
                        : new SutException(SutFailureClass.LOST, String.valueOf(cause), cause);
            }
            if (status != 0) {
                writeOutput(log.text().getBytes(StandardCharsets.UTF_8));
                String why = last.line().isEmpty() ? "exit status " + status : last.line();
                throw new SutException(SutFailureClass.SETUP, sut.address().display() + ": cannot set up "
                        + invocation.name() + ": " + why.replaceFirst("^drover: ", ""));
            }
            String boot = last.line();
            if (runningOnSut(SutConnection.BOOT_ID.matcher(boot).matches() ? boot : sut.bootId())) {
                follow();
            }
        } catch (SutException e) {
            finishAborted(failureClass(e), e.getMessage());
        }
    }

    /** Starts (or re-attaches to) the current segment and reads it from the offsets reached so far. */
    private void follow() {
        String command;
        synchronized (this) {
            if (done) {
                return;
            }
            command = workspace.runner() + " run " + quote(dir) + " " + restarts + " " + reboots + " "
                    + clock.remainingSeconds() + " " + settings.grace().toSeconds() + " " + parser.offset() + " "
                    + outputOffset;
        }
        RunningCommand command1;
        try {
            command1 = sut.start(command, new ControlSink(), new OutputSink());
        } catch (SutException e) {
            later(() -> segmentFailed(e));
            return;
        }
        synchronized (this) {
            following = command1;
        }
        command1.exit().whenComplete((code, failure) -> later(() -> {
            if (failure != null) {
                segmentFailed(failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure);
            } else {
                segmentEnded(code);
            }
        }));
    }

    private void segmentEnded(int code) {
        boolean rebooting;
        synchronized (this) {
            if (done) {
                return;
            }
            if (protocolError != null) {
                finishAborted(FailureClass.PROTOCOL, protocolError.getMessage());
                return;
            }
            rebooting = disconnectRequested;
        }
        if (code >= 128) {
            // the follower was killed (by a shutdown, say) rather than ending: as good as a drop
            segmentFailed(new SutException(SutFailureClass.LOST, sut.address().display()
                    + ": the runner's follower ended with signal " + (code - 128)));
            return;
        }
        if (rebooting && code == 11) {
            awaitReboot(true);
            return;
        }
        switch (code) {
            case 0 -> testExited(false);
            case 13 -> testExited(true);
            case 10 -> finishAborted(FailureClass.TIMEOUT, "the test ran past its duration (" + test.duration()
                    + ") and was stopped");
            case 11 -> runnerGone();
            case 14 -> finishAborted(FailureClass.CANCELLED, cancelReason == null ? "cancelled on the SUT" : cancelReason);
            default -> runnerFailed(code);
        }
    }

    private void testExited(boolean aborted) {
        boolean rerun;
        synchronized (this) {
            if (disconnectRequested) {
                // atex: after "disconnect" the test runs again, whether or not the SUT really rebooted
                rerun = true;
                reboots++;
            } else {
                rerun = !aborted && exitCode != null && test.restartOnExitCode().contains(exitCode)
                        && restarts < test.restartMaxCount();
            }
            if (rerun) {
                restarts++;
                disconnectRequested = false;
                exitCode = null;
            }
        }
        if (rerun) {
            follow();
        } else {
            finishNormally(aborted);
        }
    }

    private void segmentFailed(Throwable failure) {
        if (!(failure instanceof SutException lost)) {
            finishAborted(FailureClass.SUT_LOST, "lost the runner: " + failure);
            return;
        }
        synchronized (this) {
            if (done) {
                return;
            }
        }
        if (lost.failureClass() == SutFailureClass.SETUP) {
            finishAborted(FailureClass.SUT_SETUP, lost.getMessage());
        } else if (disconnectRequested()) {
            awaitReboot(false);
        } else {
            reattach();
        }
    }

    /**
     * An unannounced drop: reconnect within the window and read on. Had the SUT rebooted meanwhile,
     * the runner reads out what was spooled before and reports its supervisor gone (see runnerGone).
     */
    private void reattach() {
        try {
            if (!sut.isConnected()) {
                sut.reconnect(settings.reconnectWindow());
            }
        } catch (SutException e) {
            finishAborted(failureClass(e), "lost the connection and could not reconnect within "
                    + settings.reconnectWindow().toSeconds() + " s: " + e.getMessage());
            return;
        }
        follow();
    }

    private void runnerGone() {
        try {
            String now = sut.bootId();
            finishAborted(FailureClass.SUT_LOST, now.equals(bootId)
                    ? "the runner on the SUT disappeared (killed?) before the test ended"
                    : "the SUT rebooted during the test, which did not announce it (no 'disconnect' on the"
                            + " test-control channel)");
        } catch (SutException e) {
            finishAborted(FailureClass.SUT_LOST, e.getMessage());
        }
    }

    /**
     * After {@code disconnect}: wait until the SUT has a new boot id, then start the test again.
     * {@code runnerGone}: the runner already ended on the old boot (the SUT is going down).
     */
    private void awaitReboot(boolean runnerGone) {
        while (remainingNanos() > 0 && !isDone()) {
            try {
                if (!sut.isConnected()) {
                    sut.reconnect(Duration.ofNanos(remainingNanos()));
                }
                String now = sut.bootId();
                if (!now.equals(bootId)) {
                    synchronized (this) {
                        bootId = now;
                        restarts++;
                        reboots++;
                        disconnectRequested = false;
                        exitCode = null;
                    }
                    follow();
                    return;
                }
                if (!runnerGone) {
                    // same boot, the runner may still hold the test: close the channel again and read on
                    release();
                    follow();
                    return;
                }
                sleep(Duration.ofMillis(250));
            } catch (SutException e) {
                if (e.failureClass() == SutFailureClass.SETUP) {
                    finishAborted(FailureClass.SUT_SETUP, e.getMessage());
                    return;
                }
                // still down: try again while there is time
            }
        }
        finishAborted(FailureClass.SUT_LOST, "the SUT did not come back from the test's reboot before its deadline");
    }

    private void runnerFailed(int code) {
        String why = "exit status " + code;
        try {
            var result = sut.run("cat " + quote(dir + "/runner-error") + " 2>/dev/null", QUICK);
            if (!result.stdout().isBlank()) {
                why = result.stdout().strip();
            }
        } catch (SutException e) {
            // the exit status is all we have
        }
        finishAborted(FailureClass.SUT_SETUP, "the runner on the SUT failed: " + why);
    }

    private void finishNormally(boolean aborted) {
        synchronized (this) {
            if (done) {
                return;
            }
            try {
                parser.finish();
            } catch (ControlProtocolException e) {
                finishAborted(FailureClass.PROTOCOL, e.getMessage());
                return;
            }
            String customError = null;
            try {
                closeOutput();
                if ("custom".equals(test.result()) && !aborted) {
                    customError = customResults();
                }
                reporter.finish(exitCode, customError == null ? null : new Abort("error", customError));
            } catch (SutException e) {
                finishAborted(failureClass(e), e.getMessage());
                return;
            } catch (IOException e) {
                finishAborted(FailureClass.PROTOCOL, e.getMessage());
                return;
            }
            String status = reporter.testStatus() == null ? "pass" : reporter.testStatus();
            boolean passed = status.equals("pass") || status.equals("info") || status.equals("skip");
            abortedRun = aborted;
            String reason = customError != null ? customError : aborted ? "the test aborted itself (tmt-abort)"
                    : "status " + status + (exitCode == null ? "" : ", exit code " + exitCode);
            complete(status, aborted || !passed || customError != null ? FailureClass.TEST : null, reason);
        }
    }

    /** Reports the test's results.yaml/json; returns why they could not be read, null when they were. */
    private String customResults() throws IOException {
        Path scratch = Files.createTempDirectory("drover-custom-results");
        try {
            CustomResults.report(sut, dir + "/data", reporter, scratch);
            return null;
        } catch (BadResultException e) {
            return "custom results: " + e.getMessage();
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private synchronized void finishAborted(FailureClass failureClass, String reason) {
        if (done) {
            return;
        }
        Abort abort = failureClass == FailureClass.TIMEOUT ? new Abort("error", "timeout: " + reason)
                : new Abort("infra", failureClass.text() + ": " + reason);
        String status = abort.status();
        if (reporter != null) {
            try {
                closeOutput();
                reporter.finish(exitCode, abort);
            } catch (IOException | IllegalStateException e) {
                // keep the reason we already have; the results file holds what could be written
            }
            if (reporter.testStatus() != null) {
                status = reporter.testStatus();
            }
        }
        if (following != null) {
            following.abort();
        }
        complete(status, failureClass, reason);
    }

    private void complete(String status, FailureClass failureClass, String reason) {
        done = true;
        if (stopTimer != null) {
            stopTimer.cancel(false);
        }
        TestOutcome result = new TestOutcome(invocation.name(), invocation.attempt(), status, failureClass,
                reason.replace('\n', ' '), exitCode, restarts, reboots, Duration.ofNanos(System.nanoTime() - started),
                artifacts);
        // completed off the lock: whoever waits must not run inside it
        blocking.execute(() -> outcome.complete(result));
    }

    private void closeOutput() throws IOException {
        if (output != null) {
            output.close();
            output = null;
        }
    }

    private synchronized boolean isDone() {
        return done;
    }

    private synchronized boolean disconnectRequested() {
        return disconnectRequested;
    }

    private synchronized long remainingNanos() {
        return clock.remainingNanos();
    }

    /** The worker's own limit: the SUT ends the test at its deadline; this catches a SUT that does not. */
    private synchronized void scheduleStopTimer() {
        if (stopTimer != null) {
            stopTimer.cancel(false);
        }
        long delay = Math.max(0, clock.remainingNanos()) + settings.grace().toNanos() + settings.stopMargin().toNanos();
        stopTimer = timers.schedule(() -> later(() -> finishAborted(FailureClass.TIMEOUT,
                "the SUT did not stop the test within " + settings.grace().toSeconds()
                        + " s after its deadline")), delay, TimeUnit.NANOSECONDS);
    }

    /** Tells the SUT the new deadline; writes coalesce so that a burst of duration words costs one command. */
    private void pushDeadline() {
        deadlineDirty.set(true);
        if (deadlineWriting.compareAndSet(false, true)) {
            blocking.execute(() -> {
                try {
                    while (deadlineDirty.getAndSet(false)) {
                        long seconds;
                        synchronized (this) {
                            if (done) {
                                return;
                            }
                            seconds = clock.remainingSeconds();
                        }
                        runQuietly(workspace.runner() + " deadline " + quote(dir) + " " + seconds);
                    }
                } finally {
                    deadlineWriting.set(false);
                }
                if (deadlineDirty.get()) {
                    pushDeadline();
                }
            });
        }
    }

    private void release() {
        runQuietly(workspace.runner() + " release " + quote(dir));
    }

    private void sendCancel() {
        later(() -> runQuietly(workspace.runner() + " cancel " + quote(dir)));
    }

    /** A runner command whose failure changes nothing: a lost connection is noticed by the follower. */
    private void runQuietly(String command) {
        try {
            sut.run(command, QUICK);
        } catch (SutException e) {
            // the follow command sees the same problem and handles it
        }
    }

    private void writeOutput(byte[] bytes) {
        synchronized (this) {
            try {
                if (output != null) {
                    output.write(bytes);
                    output.flush();
                }
            } catch (IOException e) {
                // the artifacts disk failed; the outcome still says what happened
            }
        }
    }

    /**
     * Runs a step on the blocking executor. A step that throws (a bug, or metadata no check
     * caught) still ends the test, with the reason, instead of leaving its outcome pending.
     */
    private void later(Runnable step) {
        blocking.execute(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                finishAborted(FailureClass.SUT_SETUP, "cannot run the test: " + e.getMessage());
            }
        });
    }

    private static FailureClass failureClass(SutException e) {
        return e.failureClass() == SutFailureClass.SETUP ? FailureClass.SUT_SETUP : FailureClass.SUT_LOST;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runner's stdout: the control stream, fed to the parser as it arrives. */
    private final class ControlSink extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            boolean cancel = false;
            synchronized (TestExecution.this) {
                if (done || protocolError != null) {
                    return;
                }
                try {
                    parser.feed(b, off, len);
                } catch (ControlProtocolException | BadResultException e) {
                    protocolError = e;
                    cancel = true;
                } catch (IOException e) {
                    protocolError = new IOException("cannot write the artifacts: " + e.getMessage(), e);
                    cancel = true;
                }
            }
            if (cancel) {
                sendCancel();
            }
        }
    }

    /** The runner's stderr: the test's output, appended to the artifacts' test output. */
    private final class OutputSink extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (TestExecution.this) {
                if (output == null) {
                    return;
                }
                try {
                    output.write(b, off, len);
                    listener.output(outputOffset, b, off, len);
                    outputOffset += len;
                } catch (IOException e) {
                    if (protocolError == null) {
                        protocolError = new IOException("cannot write the test output: " + e.getMessage(), e);
                        sendCancel();
                    }
                }
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (TestExecution.this) {
                if (output != null) {
                    output.flush();
                }
            }
        }
    }

    /** Results go to the reporter; the runner's own words are handled here. Called under the lock. */
    private final class Listener implements ControlListener {
        @Override
        public void resultStarted(ReportedResult result) throws IOException {
            reporter.resultStarted(result);
        }

        @Override
        public void fileStarted(ReportedResult result, FileUpload file) throws IOException {
            reporter.fileStarted(result, file);
        }

        @Override
        public void fileChunk(ReportedResult result, FileUpload file, byte[] buf, int off, int len) throws IOException {
            reporter.fileChunk(result, file, buf, off, len);
        }

        @Override
        public void fileEnded(ReportedResult result, FileUpload file) throws IOException {
            reporter.fileEnded(result, file);
        }

        @Override
        public void resultEnded(ReportedResult result) throws IOException {
            reporter.resultEnded(result);
        }

        @Override
        public void exitCode(int code) {
            exitCode = code;
        }

        @Override
        public void duration(DurationCommand command) {
            if (clock.apply(command)) {
                scheduleStopTimer();
                if (parser.offset() > replayedControl) {
                    pushDeadline();
                }
            }
        }

        @Override
        public void disconnect() {
            disconnectRequested = true;
            later(TestExecution.this::release);
        }
    }
}
