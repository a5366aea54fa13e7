package io.drover.worker.farm;

import io.drover.job.Job;
import io.drover.worker.runner.TestExecution;

/**
 * A job queued or running on this worker. Once abandoned (its partition went to another worker) it
 * publishes nothing more and its test, if any, is left running on the SUT for the new owner.
 */
final class ActiveJob {
    private final Job job;
    private boolean abandoned;
    private TestExecution execution;

    ActiveJob(Job job) {
        this.job = job;
    }

    Job job() {
        return job;
    }

    synchronized boolean abandoned() {
        return abandoned;
    }

    /** The job's test attempt; false (and nothing attached) when the job was abandoned already. */
    synchronized boolean attach(TestExecution attempt) {
        if (abandoned) {
            return false;
        }
        execution = attempt;
        return true;
    }

    /** The running test attempt, or null. */
    synchronized TestExecution execution() {
        return execution;
    }

    void abandon(String reason) {
        TestExecution attempt;
        synchronized (this) {
            abandoned = true;
            attempt = execution;
        }
        if (attempt != null) {
            attempt.detach(reason);
        }
    }
}
