package io.drover.worker.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.drover.worker.sut.SshOptions;

/**
 * Many simulated SUTs started together, sharing one client key and one known_hosts file:
 * {@code root/sut-001}, {@code root/sut-002}, ... (numbered to the width of the count), with
 * {@code root/id_ed25519} and {@code root/known_hosts}. Their SSH servers share the process's I/O
 * threads, so hundreds fit in one JVM.
 */
public final class SimulatedSutFarm implements AutoCloseable {
    private final SimRuntime runtime;
    private final ClientAccess access;
    private final List<SimulatedSut> suts;
    private boolean closed;

    private SimulatedSutFarm(SimRuntime runtime, ClientAccess access, List<SimulatedSut> suts) {
        this.runtime = runtime;
        this.access = access;
        this.suts = List.copyOf(suts);
    }

    /** Powers on {@code count} SUTs under {@code root}, as {@link SimulatedSut#start(Path)} does each. */
    public static SimulatedSutFarm start(Path root, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("a farm of simulated SUTs needs at least one SUT, not " + count);
        }
        Files.createDirectories(root);
        SimRuntime runtime = SimRuntime.acquire();
        List<SimulatedSut> suts = new ArrayList<>();
        try {
            ClientAccess access = ClientAccess.in(root);
            String name = "sut-%0" + Math.max(3, Integer.toString(count).length()) + "d";
            for (int i = 1; i <= count; i++) {
                suts.add(SimulatedSut.create(root.resolve(String.format(name, i)), runtime, access, () -> { }));
            }
            SimProcesses.killAll(ids(suts));
            List<String> knownHosts = new ArrayList<>();
            for (SimulatedSut sut : suts) {
                sut.powerOn();
                knownHosts.add(sut.knownHostsLine());
            }
            access.writeKnownHosts(knownHosts);
            return new SimulatedSutFarm(runtime, access, suts);
        } catch (IOException | RuntimeException e) {
            closeAll(suts);
            runtime.release();
            throw e;
        }
    }

    /** The SUTs, in the order of their directories. */
    public List<SimulatedSut> suts() {
        return suts;
    }

    /** The SUT at {@code index} (from 0). */
    public SimulatedSut get(int index) {
        return suts.get(index);
    }

    public int size() {
        return suts.size();
    }

    /** How to connect to any of the SUTs: the shared identity and known_hosts files ({@code strict}); no agent. */
    public SshOptions sshOptions() {
        return access.sshOptions();
    }

    public Path identityFile() {
        return access.identity();
    }

    public Path knownHostsFile() {
        return access.knownHosts();
    }

    /** Powers every SUT off (one scan of /proc kills all their processes), releases the shared resources. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeAll(suts);
        runtime.release();
    }

    private static void closeAll(List<SimulatedSut> suts) {
        suts.forEach(sut -> sut.powerOff(false));
        SimProcesses.killAll(ids(suts));
        suts.forEach(SimulatedSut::close);
    }

    private static List<String> ids(List<SimulatedSut> suts) {
        return suts.stream().map(SimulatedSut::id).toList();
    }
}
