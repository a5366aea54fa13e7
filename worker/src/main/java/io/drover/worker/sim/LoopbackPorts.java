package io.drover.worker.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for simulated SUTs, chosen below the kernel's ephemeral range. A SUT that is down keeps its
 * port number; inside the ephemeral range, a client retrying it could be given that very number as
 * its own source port and connect to itself (TCP simultaneous open), which would also keep the
 * SUT from binding its port again.
 */
final class LoopbackPorts {
    private static final int LOWEST = 10000;
    private static final int EPHEMERAL_START = ephemeralStart();

    private LoopbackPorts() {
    }

    /** A port to try (it may be taken: the caller tries another), or 0 when no range is safe. */
    static int candidate() {
        if (EPHEMERAL_START - LOWEST < 1000) {
            return 0;
        }
        return ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_START);
    }

    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768; // Linux's default
        }
    }
}
