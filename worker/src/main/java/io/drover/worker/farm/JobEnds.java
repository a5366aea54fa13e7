package io.drover.worker.farm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.event.Events;
import io.drover.event.JobFinished;
import io.drover.job.Job;
import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How jobs end, as events and outcomes. */
final class JobEnds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobEnds() {
    }

    /** A job's {@code job.finished}: {@code (run, job)} identifies it, so its seq is always 1. */
    static JobFinished of(Job job, String worker, String status, FailureClass failure, String reason) {
        return of(job, worker, status, failure, reason, List.of());
    }

    /** The same, naming the job's output patterns found in the test's output. */
    static JobFinished of(Job job, String worker, String status, FailureClass failure, String reason,
                          List<String> outputMatches) {
        return new JobFinished(job.run(), 1, Events.now(), job.id(), job.type(), job.sut(), job.plan(), job.test(),
                job.serial(), job.attempt(), status, failure == null ? null : failure.text(), reason, worker,
                outputMatches);
    }

    /**
     * The end of a job this worker cannot read (a newer version, a type it does not know), when the record still
     * names the job: without it the coordinator would wait for the job forever. Empty when it does not.
     */
    static Optional<JobFinished> unreadable(String line, String worker, String why) {
        JsonNode job;
        try {
            job = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String run = job.path("run").textValue();
        String id = job.path("id").textValue();
        String kind = job.path("type").textValue();
        String sut = job.path("sut").textValue();
        if (run == null || id == null || kind == null || sut == null) {
            return Optional.empty();
        }
        return Optional.of(new JobFinished(run, 1, Events.now(), id, kind, sut, job.path("plan").textValue(),
                job.path("test").textValue(), job.path("serial").asInt(), job.path("attempt").asInt(), "infra",
                FailureClass.PROTOCOL.text(), "worker " + worker + " cannot read the job: " + why, worker, List.of()));
    }

    /** A phase job that went well. */
    static JobFinished passed(Job job, String worker) {
        return of(job, worker, "pass", null, "");
    }

    /** The outcome of a test attempt that never started on the SUT. */
    static TestOutcome notRun(Job job, FailureClass failure, String reason) {
        return new TestOutcome(job.test(), job.attempt(), "infra", failure, reason.replace('\n', ' '), null, 0, 0,
                Duration.ZERO, null);
    }
}
