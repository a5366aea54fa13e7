/**
 * The jobs of {@code drover.jobs}, version 1: what the coordinator asks of the worker holding a
 * SUT ({@link io.drover.job.Job}), as single-line JSON ({@link io.drover.job.JobCodec}).
 */
package io.drover.job;
