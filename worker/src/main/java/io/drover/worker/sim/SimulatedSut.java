package io.drover.worker.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.server.SshServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.drover.worker.sut.SshOptions;
import io.drover.sut.SutAddress;

/**
 * A simulated SUT: an SSH server in this JVM on {@code 127.0.0.1}, whose commands run as local
 * processes of the current user in the SUT's own directory, and which can be rebooted, powered
 * off and cut from the network. See the package documentation for the contract.
 *
 * <p>Every method may be called from any thread; power operations on one SUT happen one at a time.
 */
public final class SimulatedSut implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSut.class);
    private static final int PORT_TRIES = 50;
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(2);

    /** Where a simulated SUT is in its life. */
    public enum State {
        /** Powered on and reachable. */
        RUNNING,
        /** Powered on, its processes running, but its network cut: connections are refused. */
        NETWORK_CUT,
        /** Powered off for good ({@link #kill()}, {@link #close()}, or a failure to come back up). */
        OFF
    }

    private final String id;
    private final SutDisk disk;
    private final KeyPair hostKey;
    private final ClientAccess access;
    private final SimRuntime runtime;
    private final Runnable onClose;
    private final String user = System.getProperty("user.name");
    private final Map<String, String> variables;
    private int port;
    private State state = State.OFF;
    private SshServer server;
    private String bootId;
    private int reboots;
    private long networkChanges;
    private boolean closed;

    private SimulatedSut(String id, SutDisk disk, KeyPair hostKey, ClientAccess access, SimRuntime runtime,
                         Runnable onClose) {
        this.id = id;
        this.disk = disk;
        this.hostKey = hostKey;
        this.access = access;
        this.runtime = runtime;
        this.onClose = onClose;
        this.variables = Map.of(
                "DROVER_WORK_ROOT", disk.work().toString(),
                "DROVER_BOOT_ID_FILE", disk.bootIdFile().toString(),
                SimProcesses.VARIABLE, id,
                "PATH", disk.bin() + ":" + System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    }

    /**
     * Powers on a SUT in {@code dir} (created when missing; what an earlier SUT left there is kept,
     * its host key too). The client's key ({@code dir/id_ed25519}) and a known_hosts file listing the
     * SUT ({@code dir/known_hosts}) are in the same directory: see {@link #sshOptions()}. Processes an
     * earlier simulation of this directory left running are killed first.
     */
    public static SimulatedSut start(Path dir) throws IOException {
        SimRuntime runtime = SimRuntime.acquire();
        SimulatedSut sut = null;
        try {
            ClientAccess access = ClientAccess.in(dir);
            sut = create(dir, runtime, access, runtime::release);
            SimProcesses.killAll(List.of(sut.id));
            sut.powerOn();
            access.writeKnownHosts(List.of(sut.knownHostsLine()));
            return sut;
        } catch (IOException | RuntimeException e) {
            if (sut != null) {
                sut.close();
            } else {
                runtime.release();
            }
            throw e;
        }
    }

    /** A SUT in {@code dir}, not yet powered on; {@code onClose} runs once, at the end of {@link #close()}. */
    static SimulatedSut create(Path dir, SimRuntime runtime, ClientAccess access, Runnable onClose) throws IOException {
        SutDisk disk = SutDisk.prepare(dir);
        return new SimulatedSut(disk.simId(), disk, disk.hostKey(), access, runtime, onClose);
    }

    /** First boot: a new boot id, the {@code reboot} script, and the SSH server on a free port. */
    synchronized void powerOn() throws IOException {
        if (closed || server != null || state != State.OFF) {
            throw new IllegalStateException(this + " is already powered on or closed");
        }
        runtime.register(this);
        bootId = disk.newBootId();
        disk.writeRebootScript(runtime.rebootPort(), id);
        server = listenOnFreePort();
        state = State.RUNNING;
    }

    /** The unique id in {@code DROVER_SIM_SUT} of every process of this SUT. */
    public String id() {
        return id;
    }

    /** The SUT's directory: the cwd of its commands; its files survive reboots. */
    public Path dir() {
        return disk.dir();
    }

    /** {@code dir/work}, the runner's work root ({@code DROVER_WORK_ROOT}). */
    public Path workRoot() {
        return disk.work();
    }

    /** {@code dir/boot_id} ({@code DROVER_BOOT_ID_FILE}). */
    public Path bootIdFile() {
        return disk.bootIdFile();
    }

    /** {@code ssh://USER@127.0.0.1:PORT}, USER being the current OS user; the port stays the same across reboots. */
    public synchronized SutAddress.Ssh address() {
        return new SutAddress.Ssh(user, "127.0.0.1", port);
    }

    /** How to connect: the identity file and a known_hosts file that lists this SUT ({@code strict}); no agent. */
    public SshOptions sshOptions() {
        return access.sshOptions();
    }

    /** The private key this SUT accepts (ed25519, OpenSSH's format). */
    public Path identityFile() {
        return access.identity();
    }

    /** The known_hosts file that lists this SUT. */
    public Path knownHostsFile() {
        return access.knownHosts();
    }

    /** This SUT's line in a known_hosts file: {@code [127.0.0.1]:PORT ssh-ed25519 KEY}. */
    public synchronized String knownHostsLine() {
        return ClientAccess.knownHostsLine(port, hostKey.getPublic());
    }

    public synchronized State state() {
        return state;
    }

    /** The current boot id, as in {@link #bootIdFile()}. */
    public synchronized String bootId() {
        return bootId;
    }

    /** How many reboots have completed. */
    public synchronized int reboots() {
        return reboots;
    }

    /** Waits until {@link #reboots()} reaches {@code count}; false when the time is up or the SUT is off. */
    public synchronized boolean awaitReboots(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reboots < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || state == State.OFF) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** How many processes of this SUT are alive now. */
    public int processCount() {
        return SimProcesses.find(Set.of(id)).size();
    }

    /**
     * Power-cycles the SUT: drops every SSH session and refuses connections, kills every process of
     * the SUT with SIGKILL, writes a new boot id, and listens again on the same port with the same
     * host key (unless the network is cut: it stays cut). Files are kept. Returns when the SUT is up.
     * When it cannot listen again the SUT ends {@link State#OFF} and this fails.
     */
    public synchronized void reboot() throws IOException {
        requireOn("reboot");
        boolean reachable = state == State.RUNNING;
        stopListening();
        SimProcesses.killAll(List.of(id));
        try {
            bootId = disk.newBootId();
            if (reachable) {
                server = listenAgain();
            }
        } catch (IOException | RuntimeException e) {
            failed();
            throw e;
        }
        reboots++;
        notifyAll();
    }

    /** A reboot asked for by the SUT's {@code reboot} script during boot {@code requestedIn}. */
    synchronized void rebootRequested(String requestedIn) {
        if (state == State.OFF || !requestedIn.equals(bootId)) {
            return; // a late request from an earlier boot: that reboot happened already
        }
        try {
            reboot();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the reboot it asked for failed: {}", this, e.getMessage());
        }
    }

    /** Powers off for good: drops every session, kills every process, stops listening. Idempotent. */
    public void kill() {
        powerOff(true);
    }

    /** Powers off; the caller kills the processes when {@code killProcesses} is false (several SUTs in one scan). */
    synchronized void powerOff(boolean killProcesses) {
        if (state == State.OFF) {
            return;
        }
        stopListening();
        state = State.OFF;
        if (killProcesses) {
            SimProcesses.killAll(List.of(id));
        }
        notifyAll();
    }

    /**
     * Drops every SSH session at once and refuses connections until {@link #restoreNetwork()}; the
     * SUT's processes keep running. Idempotent.
     */
    public synchronized void cutNetwork() {
        requireOn("cut the network of");
        networkChanges++;
        if (state == State.RUNNING) {
            stopListening();
            state = State.NETWORK_CUT;
        }
    }

    /** {@link #cutNetwork()}, then {@link #restoreNetwork()} after {@code outage} unless the network changed since. */
    public synchronized void cutNetwork(Duration outage) {
        cutNetwork();
        long change = networkChanges;
        runtime.timers().schedule(() -> runtime.threads().execute(() -> restoreAfterOutage(change)),
                outage.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void restoreAfterOutage(long change) {
        if (networkChanges != change || state != State.NETWORK_CUT) {
            return;
        }
        try {
            restoreNetwork();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: restoring its network failed: {}", this, e.getMessage());
        }
    }

    /**
     * Listens again on the same port after {@link #cutNetwork()}; does nothing when the network is
     * up. When it cannot listen again the SUT ends {@link State#OFF} and this fails.
     */
    public synchronized void restoreNetwork() throws IOException {
        requireOn("restore the network of");
        networkChanges++;
        if (state != State.NETWORK_CUT) {
            return;
        }
        try {
            server = listenAgain();
        } catch (IOException | RuntimeException e) {
            failed();
            throw e;
        }
        state = State.RUNNING;
    }

    /** {@link #kill()}, and gives back what this SUT holds of the shared resources. Keeps the directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        kill();
        runtime.unregister(this);
        onClose.run();
    }

    @Override
    public String toString() {
        int current;
        synchronized (this) {
            current = port;
        }
        return "simulated SUT " + disk.dir().getFileName() + (current == 0 ? "" : " (127.0.0.1:" + current + ")");
    }

    private void requireOn(String what) {
        if (state == State.OFF) {
            throw new IllegalStateException("cannot " + what + " " + this + ": it is powered off");
        }
    }

    private void failed() {
        stopListening();
        state = State.OFF;
        SimProcesses.killAll(List.of(id));
        notifyAll();
    }

    private void stopListening() {
        if (server != null) {
            SutSshServer.stop(server);
            server = null;
        }
    }

    private SshServer listenOnFreePort() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < PORT_TRIES; attempt++) {
            try {
                SshServer started = start(LoopbackPorts.candidate());
                port = started.getPort();
                return started;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException(this + ": no port on 127.0.0.1 for its SSH server after "
                + PORT_TRIES + " tries: " + last.getMessage(), last);
    }

    private SshServer listenAgain() throws IOException {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            try {
                return start(port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(this + ": cannot listen on its port again: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(this + ": interrupted while listening on its port again");
            }
        }
    }

    private SshServer start(int onPort) throws IOException {
        return SutSshServer.start(runtime, onPort, hostKey, user, access.publicKey(),
                (channel, command) -> new SimCommand(command, disk.dir(), variables, runtime.threads()));
    }
}
