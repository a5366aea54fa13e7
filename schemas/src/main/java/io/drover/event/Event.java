package io.drover.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One event on {@code drover.events}: a JSON object on one line, {@code {"v":1,"type":...,"run":...,"seq":...,
 * "ts":...,...}}. What identifies one, so that a consumer can drop duplicates (docs/events.md): the run and its
 * {@code seq} for the run's own events (counted from 1 by the coordinator: {@code run.created}, {@code test.pending},
 * {@code sut.state}, {@code test.verdict}, {@code run.finished}); run, plan, test, attempt and {@code seq} for an
 * attempt's events (counted from 1 per attempt by its worker); run and job for {@code job.finished}. Write and read
 * them with {@link EventCodec}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunCreated.class, name = RunCreated.TYPE),
        @JsonSubTypes.Type(value = TestPending.class, name = TestPending.TYPE),
        @JsonSubTypes.Type(value = SutState.class, name = SutState.TYPE),
        @JsonSubTypes.Type(value = TestStarted.class, name = TestStarted.TYPE),
        @JsonSubTypes.Type(value = TestResult.class, name = TestResult.TYPE),
        @JsonSubTypes.Type(value = TestFinished.class, name = TestFinished.TYPE),
        @JsonSubTypes.Type(value = TestHeartbeat.class, name = TestHeartbeat.TYPE),
        @JsonSubTypes.Type(value = WorkerHeartbeat.class, name = WorkerHeartbeat.TYPE),
        @JsonSubTypes.Type(value = JobFinished.class, name = JobFinished.TYPE),
        @JsonSubTypes.Type(value = TestVerdict.class, name = TestVerdict.TYPE),
        @JsonSubTypes.Type(value = RunCancelled.class, name = RunCancelled.TYPE),
        @JsonSubTypes.Type(value = RunFinished.class, name = RunFinished.TYPE)})
public sealed interface Event permits RunCreated, TestPending, SutState, TestStarted, TestResult, TestFinished,
        TestHeartbeat, WorkerHeartbeat, JobFinished, TestVerdict, RunCancelled, RunFinished {
    /** The version of the event format this code writes and reads. */
    int VERSION = 1;

    /** The run, or null for events of no run (a worker's heartbeat). */
    String run();

    long seq();

    /** When it happened, ISO-8601 in UTC with milliseconds ({@link Events#now()}). */
    String ts();
}
