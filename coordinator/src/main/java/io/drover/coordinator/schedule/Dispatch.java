package io.drover.coordinator.schedule;

/**
 * A job to publish now on {@code drover.jobs}, keyed by {@code sut}.
 *
 * @param sut     the SUT's id in the pool
 * @param type    {@code prepare}, {@code test}, {@code finish} or {@code release} (as {@link io.drover.job.Job})
 * @param plan    the plan; null for {@code release}
 * @param test    the test; null unless {@code test}
 * @param serial  the test's serial number in the plan; 0 unless {@code test}
 * @param attempt 1 for a test's first attempt; 0 unless {@code test}
 * @param jobId   {@code <run>/<sut>/<n>}, n counting the SUT's jobs from 1; {@link RunSchedule#ended} takes it back
 */
public record Dispatch(String sut, String type, String plan, String test, int serial, int attempt, String jobId) {
    public boolean isTest() {
        return io.drover.job.Job.TEST.equals(type);
    }
}
