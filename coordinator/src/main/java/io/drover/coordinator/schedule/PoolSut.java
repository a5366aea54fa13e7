package io.drover.coordinator.schedule;

import java.util.Objects;

/**
 * A SUT of the run's pool.
 *
 * @param id      its id in the pool: the key of its jobs on {@code drover.jobs}
 * @param address where it is, {@code ssh://user@host[:port]} or {@code local}
 */
public record PoolSut(String id, String address) {
    public PoolSut {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (id.isBlank() || id.contains("/")) {
            throw new IllegalArgumentException("SUT id '" + id + "' is blank or contains '/'");
        }
    }
}
