package io.drover.coordinator.pool;

/** Makes the provisioner for a pool whose file names it. */
@FunctionalInterface
public interface ProvisionerFactory {
    /** A provisioner for the pool; a pool it cannot serve (missing settings, say) is a {@link PoolFileException}. */
    Provisioner create(PoolSpec pool);
}
