package io.drover.coordinator.pool;

import io.drover.event.RunSut;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A run's SUT pool as given: from a pool file, or built by the caller (simulated SUTs).
 *
 * @param source      where it comes from, for messages: the pool file's path, {@code sim:4}
 * @param provisioner the name of the provisioner that hands out its SUTs ({@link Provisioners})
 * @param suts        its SUTs in the file's order, ids unique, default labels merged in
 */
public record PoolSpec(String source, String provisioner, List<RunSut> suts) {
    public static final String STATIC = "static";
    /** The most simulated SUTs {@code sim:N} may ask for. */
    public static final int MAX_SIMULATED = 1000;

    public PoolSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provisioner, "provisioner");
        suts = List.copyOf(suts);
        Set<String> ids = new HashSet<>();
        for (RunSut sut : suts) {
            if (sut.id() == null || sut.id().isBlank() || sut.id().contains("/")) {
                throw new IllegalArgumentException("SUT id '" + sut.id() + "' is blank or contains '/'");
            }
            if (!ids.add(sut.id())) {
                throw new IllegalArgumentException("SUT id '" + sut.id() + "' is used twice");
            }
        }
    }

    /** A static pool of the given SUTs, e.g. the simulated ones the command line started. */
    public static PoolSpec of(String source, List<RunSut> suts) {
        return new PoolSpec(source, STATIC, suts);
    }

    /**
     * N for {@code sim:N} (and 1 for a bare {@code sim}); empty for anything else, such as a file name.
     *
     * @throws IllegalArgumentException when N is not a whole number from 1 to {@value #MAX_SIMULATED}
     */
    public static OptionalInt simulatedCount(String pool) {
        if (!pool.equals("sim") && !pool.startsWith("sim:")) {
            return OptionalInt.empty();
        }
        String n = pool.equals("sim") ? "1" : pool.substring("sim:".length());
        int count = n.matches("[0-9]{1,4}") ? Integer.parseInt(n) : -1;
        if (count < 1 || count > MAX_SIMULATED) {
            throw new IllegalArgumentException("'" + pool + "': sim:N needs N between 1 and " + MAX_SIMULATED);
        }
        return OptionalInt.of(count);
    }
}
