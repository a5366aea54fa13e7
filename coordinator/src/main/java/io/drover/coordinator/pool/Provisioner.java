package io.drover.coordinator.pool;

import io.drover.event.RunSut;
import java.util.List;

/**
 * Hands out the SUTs of a pool to runs: a fixed list ({@link StaticProvisioner}), or machines created on
 * demand (virtual machines, Testing Farm, a cloud). A provisioner's SUTs must be reachable by the workers over
 * SSH with the farm's key before {@link #acquire} returns them.
 */
public interface Provisioner extends AutoCloseable {
    /** The SUTs a run may use, ready to take jobs; may block while machines are created. */
    List<RunSut> acquire(PoolRequest request) throws ProvisionException;

    /** The run is done with these SUTs (destroy/return them). */
    void release(String run, List<RunSut> suts);

    @Override
    default void close() {
    }
}
