package io.drover.coordinator.pool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The provisioners a pool file's {@code provisioner:} may name, each with the factory that makes it. */
public final class Provisioners {
    private static final Provisioners STANDARD = new Provisioners(Map.of(PoolSpec.STATIC, StaticProvisioner::new));

    private final Map<String, ProvisionerFactory> factories;

    private Provisioners(Map<String, ProvisionerFactory> factories) {
        this.factories = factories;
    }

    /** The provisioners Drover has: only {@code static}. */
    public static Provisioners standard() {
        return STANDARD;
    }

    /** These provisioners and one more (a plug-in, or a test's); a name already known is replaced. */
    public Provisioners with(String name, ProvisionerFactory factory) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("provisioner name '" + name + "' is not lower-case letters, digits, '-'");
        }
        Map<String, ProvisionerFactory> more = new LinkedHashMap<>(factories);
        more.put(name, Objects.requireNonNull(factory, "factory"));
        return new Provisioners(Map.copyOf(more));
    }

    public boolean knows(String name) {
        return factories.containsKey(name);
    }

    /** The names, sorted, for messages. */
    public String names() {
        return String.join(", ", new TreeSet<>(factories.keySet()));
    }

    /** The provisioner for the pool; an unknown name is a {@link PoolFileException} listing the known ones. */
    public Provisioner create(PoolSpec pool) {
        ProvisionerFactory factory = factories.get(pool.provisioner());
        if (factory == null) {
            throw new PoolFileException(pool.source() + ": " + unknown(pool.provisioner()));
        }
        return factory.create(pool);
    }

    String unknown(String name) {
        return "unknown provisioner '" + name + "' (known: " + names() + ")";
    }
}
