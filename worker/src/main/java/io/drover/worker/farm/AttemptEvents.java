package io.drover.worker.farm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.event.Events;
import io.drover.event.IssueRule;
import io.drover.event.OutputChunk;
import io.drover.event.TestFinished;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.job.Job;
import io.drover.result.ArtifactLayout;
import io.drover.result.FailureClass;
import io.drover.result.OutputTail;
import io.drover.result.TestOutcome;
import io.drover.worker.runner.AttemptListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.List;

/**
 * One test attempt as events: {@code test.started}, a {@code test.result} per results line, then
 * {@code test.finished}, numbered from 1 in the order they happen, so that reading the attempt again
 * from its start makes the same events with the same numbers; and its output as chunks at their offsets.
 * When the job names known-issue output patterns, the tail of the output is kept and a failed attempt's
 * {@code job.finished} lists the patterns found in it. Publishes nothing once its job is abandoned.
 */
final class AttemptEvents implements AttemptListener {
    /** Where the test's output ends up, relative to the attempt's directory. */
    static final String OUTPUT_FILE = ArtifactLayout.OUTPUT;
    static final int CHUNK = 64 * 1024;

    private final ActiveJob active;
    private final Job job;
    private final EventSink sink;
    private final String worker;
    /** The tail of the output, only while the job has output patterns to look for. */
    private final OutputTail tail;
    private long seq;

    AttemptEvents(ActiveJob active, EventSink sink, String worker) {
        this.active = active;
        this.job = active.job();
        this.sink = sink;
        this.worker = worker;
        this.tail = job.outputPatterns().isEmpty() ? null : new OutputTail();
    }

    @Override
    public synchronized void started() {
        if (!active.abandoned()) {
            sink.event(new TestStarted(job.run(), job.test(), job.attempt(), ++seq, Events.now(), job.plan(), job.sut(),
                    worker));
        }
    }

    @Override
    public synchronized void result(ObjectNode line) {
        if (!active.abandoned()) {
            sink.event(new TestResult(job.run(), job.test(), job.attempt(), ++seq, Events.now(), job.plan(), line));
        }
    }

    @Override
    public void output(long offset, byte[] buf, int off, int len) {
        if (active.abandoned()) {
            return;
        }
        if (tail != null) {
            synchronized (tail) {
                tail.writeAt(offset, buf, off, len);
            }
        }
        for (int at = 0; at < len; at += CHUNK) {
            int size = Math.min(CHUNK, len - at);
            sink.output(new OutputChunk(job.run(), job.plan(), job.test(), job.serial(), job.attempt(), OUTPUT_FILE,
                    offset + at, Arrays.copyOfRange(buf, off + at, off + at + size)));
        }
    }

    /**
     * Publishes the attempt's files as output chunks, each from offset 0 in chunks of {@value #CHUNK} bytes: its
     * {@code results} and what it uploaded; not its output, which went out as it was written. A file that cannot be
     * read is left out, with a line in the log: it stays in this worker's artifacts.
     */
    void files(Path attemptDir, PrintStream log) {
        if (active.abandoned() || !Files.isDirectory(attemptDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(attemptDir)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                String name = attemptDir.relativize(file).toString().replace('\\', '/');
                if (!name.equals(OUTPUT_FILE)) {
                    publish(file, name, log);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.println("drover: worker: cannot publish the files of " + job.id() + ": " + e.getMessage());
        }
    }

    private void publish(Path file, String name, PrintStream log) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            long offset = 0;
            int read;
            while ((read = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                sink.output(new OutputChunk(job.run(), job.plan(), job.test(), job.serial(), job.attempt(), name,
                        offset, Arrays.copyOf(buffer, read)));
                offset += read;
            }
        } catch (IOException e) {
            log.println("drover: worker: cannot publish " + file + ": " + e.getMessage());
        }
    }

    /** The attempt's outcome, then its job's end. */
    synchronized void finished(TestOutcome outcome) {
        if (active.abandoned()) {
            return;
        }
        FailureClass failure = outcome.failureClass();
        sink.event(new TestFinished(job.run(), job.test(), job.attempt(), ++seq, Events.now(), job.plan(),
                outcome.status(), failure == null ? null : failure.text(), outcome.reason(), outcome.exitCode(),
                outcome.took().toMillis(), outcome.restarts(), outcome.reboots()));
        sink.event(JobEnds.of(job, worker, outcome.status(), failure, outcome.reason(), outputMatches(outcome.status())));
    }

    private List<String> outputMatches(String status) {
        if (tail == null || !IssueRule.MATCHED_STATUSES.contains(status)) {
            return List.of();
        }
        synchronized (tail) {
            return tail.find(job.outputPatterns());
        }
    }
}
