/**
 * The worker side of the farm: a {@link io.drover.worker.farm.FarmWorker} takes the jobs of the SUTs whose
 * partitions of {@code drover.jobs} it owns and runs them ({@link io.drover.worker.farm.JobHandler}, no Kafka
 * in it), publishing what happens on {@code drover.events} and {@code drover.output}.
 */
package io.drover.worker.farm;
