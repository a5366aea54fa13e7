package io.drover.worker.farm;

import io.drover.event.Events;
import io.drover.event.JobFinished;
import io.drover.job.Job;
import io.drover.result.FailureClass;
import io.drover.result.TestOutcome;
import java.time.Duration;
import java.util.List;

/** How jobs end, as events and outcomes. */
final class JobEnds {
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
