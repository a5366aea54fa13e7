/**
 * SUT pools: the pool file ({@link io.drover.coordinator.pool.PoolFile} reads it into a
 * {@link io.drover.coordinator.pool.PoolSpec}), and the {@link io.drover.coordinator.pool.Provisioner}s that hand
 * a pool's SUTs to runs, by name from {@link io.drover.coordinator.pool.Provisioners}. {@link
 * io.drover.coordinator.pool.SettingsYaml} reads small YAML settings files with errors naming file, line and key.
 */
package io.drover.coordinator.pool;
