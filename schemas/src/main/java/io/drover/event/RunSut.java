package io.drover.event;

import java.util.Map;

/**
 * A SUT of a run's pool.
 *
 * @param id      its id in the pool, the key of its jobs on {@code drover.jobs}
 * @param address where it is, {@code ssh://user@host[:port]} or {@code local}
 * @param labels  what it is, e.g. {@code distro: fedora-41}, {@code arch: x86_64}
 */
public record RunSut(String id, String address, Map<String, String> labels) {
    public RunSut {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
