package io.drover.coordinator.pool;

import io.drover.event.RunSut;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The pool file's own machines: they exist already, so acquiring picks from them and releasing does nothing. */
public final class StaticProvisioner implements Provisioner {
    private final PoolSpec pool;

    public StaticProvisioner(PoolSpec pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The pool's SUTs that have every requested label with its value, in the pool's order, at most {@code maxSuts}. */
    @Override
    public List<RunSut> acquire(PoolRequest request) throws ProvisionException {
        List<RunSut> matching = pool.suts().stream()
                .filter(sut -> matches(sut, request.labels()))
                .limit(request.maxSuts())
                .toList();
        if (matching.isEmpty()) {
            throw new ProvisionException(noneMatches(request.labels()));
        }
        return matching;
    }

    /** Whether the SUT has every one of the labels with the same value. */
    public static boolean matches(RunSut sut, Map<String, String> labels) {
        return labels.entrySet().stream().allMatch(label -> label.getValue().equals(sut.labels().get(label.getKey())));
    }

    private String noneMatches(Map<String, String> labels) {
        if (pool.suts().isEmpty()) {
            return pool.source() + ": the pool has no SUT";
        }
        // say what the pool does have for the requested labels, so a typo or a missing label is plain to see
        Map<String, Long> offered = pool.suts().stream()
                .collect(Collectors.groupingBy(sut -> labelText(labels.keySet().stream()
                        .collect(Collectors.toMap(k -> k, k -> sut.labels().getOrDefault(k, "(none)"),
                                (a, b) -> a, TreeMap::new))), TreeMap::new, Collectors.counting()));
        return pool.source() + ": no SUT has " + labelText(new TreeMap<>(labels)) + "; the pool has "
                + offered.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", "));
    }

    private static String labelText(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public void release(String run, List<RunSut> suts) {
        // the machines stay as they are for the next run
    }
}
