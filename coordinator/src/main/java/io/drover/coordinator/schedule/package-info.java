/**
 * The coordinator's per-run schedule: which job runs on which SUT and when, retries, SUT strikes and
 * the tests' final verdicts. Pure logic, called from one thread: {@link
 * io.drover.coordinator.schedule.RunSchedule} is the state machine, the rest are its records.
 */
package io.drover.coordinator.schedule;
