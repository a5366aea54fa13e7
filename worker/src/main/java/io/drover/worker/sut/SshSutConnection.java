package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SUT reached over SSH: one session, shared by every command to the SUT, with one exec
 * channel per command. Output is delivered by the client's I/O threads, so a running command
 * costs no thread of its own here.
 */
public final class SshSutConnection implements SutConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SshSutConnection.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15));

    private final SshTransport transport;
    private final SutAddress.Ssh address;
    private final SshOptions options;
    private final List<KeyPair> identities;
    private final Object connecting = new Object();
    private volatile ClientSession session;
    private volatile boolean closed;

    private SshSutConnection(SshTransport transport, SutAddress.Ssh address, SshOptions options, List<KeyPair> identities) {
        this.transport = transport;
        this.address = address;
        this.options = options;
        this.identities = identities;
    }

    /** Connects and authenticates; fails with {@code sut-setup} or {@code sut-lost}. */
    static SshSutConnection open(SshTransport transport, SutAddress.Ssh address, SshOptions options) throws SutException {
        List<KeyPair> identities = new ArrayList<>();
        if (options.identity().isPresent()) {
            identities.addAll(loadIdentity(address, options.identity().get()));
        }
        if (identities.isEmpty() && options.agentSocket().isEmpty()) {
            throw new SutException(SutFailureClass.SETUP, address.display()
                    + ": no key to log in with: give an identity file or run an ssh-agent (SSH_AUTH_SOCK)");
        }
        SshSutConnection connection = new SshSutConnection(transport, address, options, List.copyOf(identities));
        connection.session = connection.connectOnce(options.connectTimeout());
        return connection;
    }

    private static List<KeyPair> loadIdentity(SutAddress.Ssh address, Path file) throws SutException {
        try (InputStream in = Files.newInputStream(file)) {
            List<KeyPair> keys = new ArrayList<>();
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new SutException(SutFailureClass.SETUP, address.display() + ": no private key in identity file " + file);
            }
            return keys;
        } catch (SutException e) {
            throw e;
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw new SutException(SutFailureClass.SETUP, address.display() + ": cannot read identity file " + file
                    + " (it must be an unencrypted private key): " + describe(e), e);
        }
    }

    @Override
    public SutAddress address() {
        return address;
    }

    @Override
    public boolean isConnected() {
        ClientSession current = session;
        return !closed && current != null && current.isOpen() && !current.isClosing();
    }

    private ClientSession connectOnce(Duration timeout) throws SutException {
        KnownHostsCheck check = new KnownHostsCheck(address, options.knownHosts(), options.hostKeyPolicy());
        Map<AttributeRepository.AttributeKey<?>, Object> context = new HashMap<>();
        context.put(SshTransport.HOST_KEY_CHECK, check);
        options.agentSocket().ifPresent(socket -> context.put(SshTransport.AGENT_SOCKET, socket));
        long deadline = System.nanoTime() + timeout.toNanos();
        ClientSession created;
        try {
            ConnectFuture connect = transport.client().connect(address.user(), address.host(), address.port(),
                    AttributeRepository.ofAttributesMap(context));
            if (!connect.await(timeout)) {
                connect.cancel();
                throw lost("no answer within " + timeout.toMillis() + " ms");
            }
            if (!connect.isConnected()) {
                throw lost("cannot connect: " + describe(connect.getException()));
            }
            created = connect.getSession();
        } catch (IOException e) {
            if (e instanceof SutException sut) {
                throw sut;
            }
            throw lost("cannot connect: " + describe(e));
        }
        try {
            identities.forEach(created::addPublicKeyIdentity);
            AuthFuture auth = created.auth();
            boolean answered = auth.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (answered && auth.isSuccess()) {
                return created;
            }
            Throwable failure = answered ? auth.getException() : null;
            boolean stillOpen = created.isOpen() && !created.isClosing();
            created.close(true);
            if (check.refusal() != null) {
                throw new SutException(SutFailureClass.SETUP, address.display() + ": " + check.refusal());
            }
            if (!answered) {
                throw lost("no answer to authentication within " + timeout.toMillis() + " ms");
            }
            if (stillOpen || (failure instanceof SshException ssh
                    && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE)) {
                throw new SutException(SutFailureClass.SETUP, address.display() + ": authentication as '"
                        + address.user() + "' failed with " + keysTried() + ": " + describe(failure));
            }
            throw lost("connection dropped while logging in: " + describe(failure));
        } catch (IOException e) {
            created.close(true);
            if (e instanceof SutException sut) {
                throw sut;
            }
            if (check.refusal() != null) {
                throw new SutException(SutFailureClass.SETUP, address.display() + ": " + check.refusal());
            }
            throw lost("connection dropped while logging in: " + describe(e));
        }
    }

    private String keysTried() {
        List<String> sources = new ArrayList<>();
        options.agentSocket().ifPresent(socket -> sources.add("the ssh-agent at " + socket));
        options.identity().ifPresent(file -> sources.add("identity file " + file));
        return String.join(" and ", sources);
    }

    /**
     * Drops the current session, if any (commands still running on it complete exceptionally), and
     * connects again, retrying with exponential backoff (200 ms doubling to 5 s) until {@code within}
     * has passed. Host key and authentication problems are not retried.
     */
    @Override
    public void reconnect(Duration within) throws SutException {
        synchronized (connecting) {
            if (closed) {
                throw lost("connection closed");
            }
            ClientSession old = session;
            session = null;
            if (old != null) {
                old.close(true);
            }
            long deadline = System.nanoTime() + within.toNanos();
            Duration wait = FIRST_RETRY;
            for (int attempt = 1; ; attempt++) {
                long left = deadline - System.nanoTime();
                Duration attemptTimeout = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(100),
                        Math.min(left, options.connectTimeout().toNanos())));
                SutException failure;
                try {
                    session = connectOnce(attemptTimeout);
                    LOG.info("{}: reconnected (attempt {})", address.display(), attempt);
                    return;
                } catch (SutException e) {
                    if (e.failureClass() == SutFailureClass.SETUP) {
                        throw e;
                    }
                    failure = e;
                }
                left = deadline - System.nanoTime();
                if (left <= wait.toNanos()) {
                    throw lost("not reachable again within " + within.toMillis() + " ms (" + attempt
                            + " attempts; last: " + failure.getMessage().substring(address.display().length() + 2) + ")");
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw lost("interrupted while reconnecting");
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private ClientSession liveSession() throws SutException {
        if (closed) {
            throw lost("connection closed");
        }
        ClientSession current = session;
        if (current == null || !current.isOpen() || current.isClosing()) {
            throw lost("connection lost (reconnect first)");
        }
        return current;
    }

    private ChannelExec openExec(ClientSession current, String command, OutputStream stdout, OutputStream stderr)
            throws SutException {
        ChannelExec channel = null;
        try {
            channel = current.createExecChannel(command);
            channel.setOut(stdout);
            channel.setErr(stderr);
            OpenFuture opened = channel.open();
            if (!opened.await(options.connectTimeout())) {
                channel.close(true);
                throw lost("no answer to opening a channel within " + options.connectTimeout().toMillis() + " ms");
            }
            if (!opened.isOpened()) {
                Throwable why = opened.getException();
                if (why instanceof SshChannelOpenException && current.isOpen()) {
                    throw new SutException(SutFailureClass.SETUP, address.display() + ": the SUT refused a channel: " + describe(why));
                }
                throw lost("cannot open a channel: " + describe(why));
            }
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                channel.close(true);
            }
            if (e instanceof SutException sut) {
                throw sut;
            }
            throw lost("cannot open a channel: " + describe(e));
        }
    }

    @Override
    public RunningCommand start(String command, byte[] input, OutputStream stdout, OutputStream stderr)
            throws SutException {
        ClientSession current = liveSession();
        ChannelExec channel = openExec(current, command, new KeepOpen(stdout), new KeepOpen(stderr));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        channel.addCloseFutureListener(closedFuture -> {
            Integer status = channel.getExitStatus();
            String signal = channel.getExitSignal();
            if (status != null) {
                exit.complete(status);
            } else if (signal != null) {
                exit.complete(128 + SIGNALS.getOrDefault(signal, 0));
            } else {
                exit.completeExceptionally(lost(closed ? "connection closed while a command was running"
                        : "connection lost while a command was running"));
            }
        });
        try (OutputStream in = channel.getInvertedIn()) {
            in.write(input);
        } catch (IOException e) {
            // the channel is already closing, or the command did not read: its exit and close say why
        }
        return RunningCommand.of(exit, () -> {
            exit.completeExceptionally(lost("command aborted"));
            // a graceful close tells the SUT, which ends the command's session there; close(true)
            // would leave the channel open on the SUT, and ten of those exhaust OpenSSH's MaxSessions
            channel.close(false);
        });
    }

    @Override
    public void send(InputStream content, String remotePath) throws SutException {
        ClientSession current = liveSession();
        BoundedCapture errors = new BoundedCapture(CAPTURE_LIMIT);
        ChannelExec channel = openExec(current, ShellWords.writeFileCommand(remotePath), OutputStream.nullOutputStream(), errors);
        try (channel) {
            byte[] buffer = new byte[32 * 1024];
            try (OutputStream in = channel.getInvertedIn()) {
                for (int n; (n = readSource(content, buffer, remotePath)) >= 0; ) {
                    in.write(buffer, 0, n);
                }
            } catch (SutException e) {
                throw e;
            } catch (IOException e) {
                // the remote side stopped reading: its exit status and stderr say why
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofHours(1));
            Integer status = channel.getExitStatus();
            if (status == null) {
                throw lost("connection lost while writing " + remotePath);
            }
            if (status != 0) {
                throw new SutException(SutFailureClass.SETUP, address.display() + ": cannot write " + remotePath
                        + " (exit " + status + "): " + errors.text().strip());
            }
        } catch (IOException e) {
            if (e instanceof SutException sut) {
                throw sut;
            }
            throw lost("connection lost while writing " + remotePath + ": " + describe(e));
        }
    }

    private int readSource(InputStream content, byte[] buffer, String remotePath) throws SutException {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw new SutException(SutFailureClass.SETUP, address.display() + ": cannot read what to write to "
                    + remotePath + ": " + describe(e), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        ClientSession current = session;
        session = null;
        if (current != null) {
            current.close(true);
        }
    }

    private SutException lost(String what) {
        return new SutException(SutFailureClass.LOST, address.display() + ": " + what);
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String outer = e.getMessage();
        return root == e || outer == null || outer.contains(message) ? message : message + " (" + outer + ")";
    }

    /** The caller's sink, flushed after every write and never closed by the channel. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream sink) {
            super(sink);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
