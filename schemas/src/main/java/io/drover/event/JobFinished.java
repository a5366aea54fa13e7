package io.drover.event;

import java.util.List;

/**
 * A job ended on its worker: what the coordinator schedules the next job from. A test job's
 * {@code test.finished} says the same about the attempt; prepare, finish and release jobs have only
 * this. {@code (run, job)} identifies it: a job run again after a worker was lost ends with the same
 * event, which consumers drop.
 *
 * @param job          the job's id, {@code <run>/<sut>/<n>}
 * @param kind         {@code prepare}, {@code test}, {@code finish} or {@code release}
 * @param sut          the SUT's id in the pool
 * @param plan         the plan; null for {@code release}
 * @param test         the test; null unless {@code test}
 * @param serial       the test's serial number in the plan; 0 unless {@code test}
 * @param attempt      the test's attempt; 0 unless {@code test}
 * @param status       the test's status; for the other kinds {@code pass} when the phase went well
 * @param failureClass null when it went well; else as {@code test.finished} has it
 * @param reason       one line saying what happened; empty when there is nothing to say
 * @param worker       the worker that ran it
 * @param outputMatches the job's output patterns found in the tail of the test's output, when it failed (status
 *                     {@code fail}, {@code error} or {@code warn}); empty otherwise
 */
public record JobFinished(String run, long seq, String ts, String job, String kind, String sut, String plan,
                          String test, int serial, int attempt, String status, String failureClass, String reason,
                          String worker, List<String> outputMatches) implements Event {
    public static final String TYPE = "job.finished";

    public JobFinished {
        outputMatches = outputMatches == null ? List.of() : List.copyOf(outputMatches);
    }
}
