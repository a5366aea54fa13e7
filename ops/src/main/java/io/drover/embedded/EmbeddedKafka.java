package io.drover.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one server) running in
 * this JVM, listening on 127.0.0.1 only.
 *
 * <p>Layout of the data directory:
 * <ul>
 *   <li>{@code kafka-logs/}: Kafka's {@code log.dirs} (meta.properties, the metadata log, the
 *       topics' partitions). Formatted with Kafka's StorageTool when it has no
 *       {@code meta.properties} yet; otherwise reused as it is, so that a restarted broker keeps
 *       its topics, records and committed offsets (the cluster id is read back from
 *       meta.properties).
 *   <li>{@code server.properties}: the configuration of the last start, for reference.
 *   <li>{@code format.log}: what StorageTool printed when it formatted the directory.
 *   <li>{@code drover.lock}: locked while a broker runs on the directory, so that a second
 *       process is refused before it touches the metadata log.
 * </ul>
 *
 * <p>Every internal topic has one partition and replication factor 1, and a new consumer
 * group rebalances at once ({@code group.initial.rebalance.delay.ms=0}). Kafka logs through
 * SLF4J, at the level the application configured (the command line shows errors only).
 *
 * <p>A broker can be closed and started again on the same directory (and port) in the same
 * JVM; two brokers on one directory at once are refused.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The only address the broker listens on. */
    public static final String HOST = "127.0.0.1";
    static final String LOG_DIR = "kafka-logs";
    private static final Set<Path> OPEN_DIRS = ConcurrentHashMap.newKeySet();
    private static final int FREE_PORT_ATTEMPTS = 3;
    /** Set on the thread that is starting a broker: Kafka's "halt the JVM" becomes an exception there. */
    private static final ThreadLocal<Boolean> STARTING = new ThreadLocal<>();
    private static volatile boolean exitGuardInstalled;

    private final KafkaRaftServer server;
    private final FileChannel lock;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final boolean formatted;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, FileChannel lock, Path dataDir, int port, int controllerPort,
            String clusterId, boolean formatted, Duration startupTime) {
        this.server = server;
        this.lock = lock;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.formatted = formatted;
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker on {@code dataDir} (created if needed) and returns when it serves clients.
     *
     * @param port the client port on 127.0.0.1, or 0 for a free one; the controller listener
     *     always gets a free port
     * @throws BrokerStartException with a one-line message naming the port or the directory
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, 0);
    }

    /** As {@link #start(Path, int)}, with a given controller port (0: a free one). */
    static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        for (int p : new int[] {port, controllerPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("not a port: " + p);
            }
        }
        for (int p : new int[] {port, controllerPort}) {
            if (p != 0 && !bindable(p)) {
                throw portInUse(p, null); // before anything is created or locked
            }
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!OPEN_DIRS.add(dir)) {
            throw new BrokerStartException(BrokerStartException.Reason.DATA_DIR,
                    "the Kafka data directory " + dir + " is in use by another broker in this process", null);
        }
        FileChannel lock = null;
        try {
            lock = lock(dir);
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOn(dir, port, controllerPort, lock);
                } catch (BrokerStartException e) {
                    // a port picked here as free was taken before Kafka bound it: pick again
                    boolean pickedPort = e.port() > 0 && e.port() != port && e.port() != controllerPort;
                    if (!pickedPort || attempt == FREE_PORT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            closeQuietly(lock);
            OPEN_DIRS.remove(dir);
            throw e;
        }
    }

    /**
     * Kafka locks its log directories only once the broker part starts, after the metadata log
     * is open: a second process on the same directory would read (and corrupt) the metadata
     * log before it fails. This lock, taken before formatting, keeps it out.
     */
    private static FileChannel lock(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw dataDirError("cannot create the Kafka data directory " + dir, e);
        }
        Path file = dir.resolve("drover.lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw dataDirError("cannot write to the Kafka data directory " + dir, e);
        }
        try {
            if (channel.tryLock() == null) {
                closeQuietly(channel);
                throw new BrokerStartException(BrokerStartException.Reason.DATA_DIR,
                        "the Kafka data directory " + dir + " is in use by another process", null);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw dataDirError("cannot lock " + file, e);
        }
        return channel;
    }

    private static EmbeddedKafka startOn(Path dir, int requestedPort, int requestedControllerPort, FileChannel lock) {
        long started = System.nanoTime();
        Path logDir = dir.resolve(LOG_DIR);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw dataDirError("cannot create the Kafka data directory " + logDir, e);
        }
        if (!Files.isWritable(logDir)) {
            throw dataDirError("the Kafka data directory " + logDir + " is not writable", null);
        }
        int[] ports = ports(requestedPort, requestedControllerPort);
        int port = ports[0];
        int controllerPort = ports[1];
        Properties properties = properties(logDir, port, controllerPort);
        Path config = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "drover: the single-node Kafka broker's configuration (written at every start)");
        } catch (IOException e) {
            throw dataDirError("cannot write " + config, e);
        }

        Path metaProperties = logDir.resolve("meta.properties");
        boolean format = !Files.exists(metaProperties);
        String clusterId = format ? format(dir, config) : clusterId(metaProperties);

        installExitGuard();
        STARTING.set(Boolean.TRUE);
        KafkaRaftServer server = null;
        try {
            server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            if (server != null) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException ignored) {
                    // the start error is the one to report
                }
            }
            throw startError(e, dir, port, controllerPort);
        } finally {
            STARTING.remove();
        }
        return new EmbeddedKafka(server, lock, dir, port, controllerPort, clusterId, format,
                Duration.ofNanos(System.nanoTime() - started));
    }

    static Properties properties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // a static quorum: the voters are not stored in the metadata log, so the controller
        // port may change from one start to the next
        p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // one node: every internal topic has replication factor 1 and one partition
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // the log cleaner (compacted topics such as __consumer_offsets) allocates and zeroes a
        // 128 MiB dedupe buffer at startup by default; a single-machine broker needs far less
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    /** The client port and the controller port (0: a free one); a requested port is checked first. */
    private static int[] ports(int port, int controllerPort) {
        int[] ports = new int[2];
        int[] requested = {port, controllerPort};
        ServerSocket[] sockets = new ServerSocket[2];
        try {
            for (int i = 0; i < 2; i++) {
                try {
                    sockets[i] = bind(requested[i]);
                } catch (BindException e) {
                    throw portInUse(requested[i], e);
                } catch (IOException e) {
                    throw new BrokerStartException(BrokerStartException.Reason.PORT_IN_USE, requested[i],
                            "cannot open port " + HOST + ":" + requested[i] + ": " + oneLine(e), e);
                }
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // only a probe
                    }
                }
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // as Kafka binds: a port in TIME_WAIT is free
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket ignored = bind(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String format(Path dir, Path config) {
        String clusterId = Uuid.randomUuid().toString();
        Path log = dir.resolve("format.log");
        try (OutputStream file = Files.newOutputStream(log);
                PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            int code;
            try {
                code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, out);
            } catch (RuntimeException e) {
                throw new BrokerStartException(BrokerStartException.Reason.DATA_DIR,
                        "cannot format the Kafka data directory " + dir + ": " + oneLine(e), e);
            }
            if (code != 0) {
                throw new BrokerStartException(BrokerStartException.Reason.DATA_DIR,
                        "cannot format the Kafka data directory " + dir + " (StorageTool exited " + code + ", see " + log + ")", null);
            }
        } catch (IOException e) {
            throw dataDirError("cannot write " + log, e);
        }
        return clusterId;
    }

    private static String clusterId(Path metaProperties) {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(metaProperties)) {
            meta.load(in);
        } catch (IOException e) {
            throw dataDirError("cannot read " + metaProperties, e);
        }
        String id = meta.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw dataDirError(metaProperties + " has no cluster.id", null);
        }
        return id;
    }

    /**
     * Kafka halts the JVM when its controller fails to start (a fatal fault), which would end a
     * command line without a word and a test run without a report. While a broker starts, on
     * the starting thread only, a halt or an exit throws instead; everywhere else Kafka keeps
     * its default (halt or exit the JVM).
     */
    private static synchronized void installExitGuard() {
        if (exitGuardInstalled) {
            return;
        }
        Exit.setHaltProcedure((code, message) -> {
            if (STARTING.get() != null) {
                throw new HaltDuringStartup(code, message);
            }
            Runtime.getRuntime().halt(code);
        });
        Exit.setExitProcedure((code, message) -> {
            if (STARTING.get() != null) {
                throw new HaltDuringStartup(code, message);
            }
            System.exit(code);
        });
        exitGuardInstalled = true;
    }

    /** What Kafka's halt or exit throws on a thread that is starting a broker. */
    private static final class HaltDuringStartup extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HaltDuringStartup(int code, String message) {
            super("Kafka stopped on a fatal error (exit code " + code + (message != null ? ", " + message : "")
                    + "); its log says why");
        }
    }

    private static BrokerStartException startError(Throwable e, Path dir, int port, int controllerPort) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.contains("Address already in use")) {
                return portInUse(message.contains(HOST + ":" + controllerPort + ":") ? controllerPort : port, e);
            }
            if (message.contains("Failed to acquire lock")) {
                return new BrokerStartException(BrokerStartException.Reason.DATA_DIR,
                        "the Kafka data directory " + dir + " is in use by another Kafka process", e);
            }
        }
        // the controller's start halts instead of throwing (see installExitGuard): was it a port?
        for (int p : new int[] {port, controllerPort}) {
            if (!bindable(p)) {
                return portInUse(p, e);
            }
        }
        return new BrokerStartException(BrokerStartException.Reason.KAFKA,
                "the Kafka broker on " + HOST + ":" + port + " (data in " + dir + ") did not start: " + oneLine(e), e);
    }

    private static BrokerStartException portInUse(int port, Throwable cause) {
        return new BrokerStartException(BrokerStartException.Reason.PORT_IN_USE, port,
                "port " + HOST + ":" + port + " is already in use", cause);
    }

    private static BrokerStartException dataDirError(String message, IOException e) {
        String detail = "";
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : fs instanceof AccessDeniedException ? "permission denied"
                    : fs instanceof FileAlreadyExistsException ? "a file is in the way"
                    : fs instanceof NoSuchFileException ? "no such file or directory"
                    : fs.getClass().getSimpleName();
            boolean named = fs.getFile() == null || message.endsWith(" " + fs.getFile());
            detail = ": " + reason + (named ? "" : " (" + fs.getFile() + ")");
        } else if (e != null) {
            detail = ": " + oneLine(e);
        }
        return new BrokerStartException(BrokerStartException.Reason.DATA_DIR, message + detail, e);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close(); // releases the lock
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** "127.0.0.1:PORT". */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The controller listener's port (internal to the broker). */
    public int controllerPort() {
        return controllerPort;
    }

    /** The data directory, absolute. */
    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id: new when this start formatted the directory, else read from meta.properties. */
    public String clusterId() {
        return clusterId;
    }

    /** Whether this start formatted a new data directory (false: an existing one was reused). */
    public boolean formatted() {
        return formatted;
    }

    /** From the call of {@link #start} to serving clients, formatting included. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the broker and waits until it has stopped; the directory may then be started again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            closeQuietly(lock);
            OPEN_DIRS.remove(dataDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
