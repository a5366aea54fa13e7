package io.drover.worker.sut;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What to do with a SUT whose host key is not in the known_hosts file. A key that differs from
 * the one on file is refused under every policy.
 */
public enum HostKeyPolicy {
    /** Refuse a host that is not in the file (OpenSSH's {@code StrictHostKeyChecking yes}). */
    STRICT("strict"),
    /** Add a host that is not in the file and go on (OpenSSH's {@code StrictHostKeyChecking accept-new}). */
    ACCEPT_NEW("accept-new");

    private final String id;

    HostKeyPolicy(String id) {
        this.id = id;
    }

    /** The name used in configuration: {@code strict} or {@code accept-new}. */
    public String id() {
        return id;
    }

    public static HostKeyPolicy parse(String text) {
        for (HostKeyPolicy policy : values()) {
            if (policy.id.equals(text)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("bad host key policy '" + text + "': expected "
                + Arrays.stream(values()).map(p -> "'" + p.id + "'").collect(Collectors.joining(" or ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
