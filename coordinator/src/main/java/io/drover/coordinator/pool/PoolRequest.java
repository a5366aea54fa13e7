package io.drover.coordinator.pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run asks of its pool.
 *
 * @param run     the run's id
 * @param maxSuts how many SUTs it can use at most (more would sit idle)
 * @param labels  what every SUT must be: each label with exactly this value, e.g. {@code distro: fedora-41}
 */
public record PoolRequest(String run, int maxSuts, Map<String, String> labels) {
    /** The context dimensions that become label requirements in {@link #fromContext}. */
    public static final List<String> CONTEXT_LABELS = List.of("distro", "arch");

    public PoolRequest {
        Objects.requireNonNull(run, "run");
        if (maxSuts < 1) {
            throw new IllegalArgumentException("a run needs at least one SUT, not " + maxSuts);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * A request whose labels are the run's {@code distro} and {@code arch} context dimensions. A dimension with
     * several values ({@code -c distro=fedora-41,fedora-42}) asks for nothing: any SUT will do for it.
     */
    public static PoolRequest fromContext(String run, int maxSuts, Map<String, List<String>> context) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String dimension : CONTEXT_LABELS) {
            List<String> values = context == null ? null : context.get(dimension);
            if (values != null && values.size() == 1) {
                labels.put(dimension, values.get(0));
            }
        }
        return new PoolRequest(run, maxSuts, labels);
    }
}
