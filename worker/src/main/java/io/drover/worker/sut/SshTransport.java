package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one SSH client of the process. Every {@link SshSutConnection} opens its session through it,
 * so the I/O threads are shared by all SUTs. It reads nothing from {@code ~/.ssh}: identities,
 * the agent and the known_hosts file come from each connection's {@link SshOptions}.
 */
public final class SshTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshTransport.class);
    /** Heartbeats a session may miss before it is dropped. */
    static final int UNANSWERED_HEARTBEATS = 3;
    static final AttributeKey<KnownHostsCheck> HOST_KEY_CHECK = new AttributeKey<>();
    static final AttributeKey<Path> AGENT_SOCKET = new AttributeKey<>();

    private final SshClient client;

    private SshTransport(SshClient client) {
        this.client = client;
    }

    /** How often an idle session is probed by default; three unanswered probes drop it. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    /** Starts the client, probing idle sessions every {@link #DEFAULT_HEARTBEAT}. */
    public static SshTransport start() {
        return start(DEFAULT_HEARTBEAT);
    }

    /**
     * Starts the client, probing idle sessions every {@code heartbeat}: a SUT that answers none of
     * three probes is dropped. It is the client's: MINA reads it once, when a session is made.
     */
    public static SshTransport start(Duration heartbeat) {
        SshClient client = SshClient.setUpDefaultClient();
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, heartbeat);
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, heartbeat);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, UNANSWERED_HEARTBEATS);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, remote, key) -> {
            KnownHostsCheck check = contextValue(session, HOST_KEY_CHECK);
            return check != null && check.verifyServerKey(session, remote, key);
        });
        client.setAgentFactory(new AgentFactory());
        // without it, Nagle's algorithm adds up to 40 ms to every small exchange with a SUT
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                preferKnownHostKeyTypes(session);
            }
        });
        client.start();
        return new SshTransport(client);
    }

    /** A connection to {@code address}: {@link LocalSutConnection} for {@code local}, else SSH with {@code options}. */
    public SutConnection connect(SutAddress address, SshOptions options) throws SutException {
        if (address instanceof SutAddress.Ssh ssh) {
            return SshSutConnection.open(this, ssh, options);
        }
        return new LocalSutConnection();
    }

    SshClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping the SSH client: {}", e.toString());
        }
    }

    static <T> T contextValue(Session session, AttributeKey<T> key) {
        if (session instanceof ClientSession client) {
            AttributeRepository context = client.getConnectionContext();
            return context == null ? null : context.getAttribute(key);
        }
        return null;
    }

    /**
     * Like OpenSSH: when known_hosts already has keys of some types for this host, ask for those
     * first, so a host that has several keys is not refused for offering one we never saw.
     */
    private static void preferKnownHostKeyTypes(Session session) {
        KnownHostsCheck check = contextValue(session, HOST_KEY_CHECK);
        if (check == null) {
            return;
        }
        Set<String> known = check.knownKeyTypes();
        if (known.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> factory : session.getSignatureFactories()) {
            (known.contains(factory.getName()) ? first : rest).add(factory);
        }
        first.addAll(rest);
        session.setSignatureFactories(first);
    }

    /** Agent keys for sessions whose options name an agent socket. */
    private static final class AgentFactory implements SshAgentFactory {
        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of();
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) {
            Path socket = contextValue(session, AGENT_SOCKET);
            if (socket == null) {
                return null;
            }
            try {
                return new UnixSocketAgent(socket);
            } catch (IOException e) {
                LOG.warn("{}", e.getMessage());
                return null;
            }
        }

        @Override
        public SshAgentServer createServer(ConnectionService service) {
            throw new UnsupportedOperationException("agent forwarding is not offered");
        }
    }
}
