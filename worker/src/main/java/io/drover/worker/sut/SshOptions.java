package io.drover.worker.sut;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach SUTs over SSH.
 *
 * @param identity       private key file (OpenSSH, PEM or PKCS#8, unencrypted), tried after the agent's keys
 * @param agentSocket    the ssh-agent's socket ({@code SSH_AUTH_SOCK}); its keys are tried first
 * @param knownHosts     the known_hosts file host keys are checked against (and added to under {@code accept-new})
 * @param hostKeyPolicy  what to do with a host not in {@code knownHosts}
 * @param connectTimeout how long one attempt to connect and authenticate may take
 */
public record SshOptions(Optional<Path> identity, Optional<Path> agentSocket, Path knownHosts,
                         HostKeyPolicy hostKeyPolicy, Duration connectTimeout) {

    public SshOptions {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(agentSocket, "agentSocket");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive");
        }
    }

    /**
     * The defaults: no identity file, the agent from {@code SSH_AUTH_SOCK} when it is set,
     * {@code ~/.ssh/known_hosts} under {@code strict}, 20 s to connect.
     */
    public static SshOptions defaults() {
        String agent = System.getenv("SSH_AUTH_SOCK");
        return new SshOptions(Optional.empty(),
                agent == null || agent.isEmpty() ? Optional.empty() : Optional.of(Path.of(agent)),
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
                HostKeyPolicy.STRICT, Duration.ofSeconds(20));
    }

    public SshOptions withIdentity(Path file) {
        return new SshOptions(Optional.of(file), agentSocket, knownHosts, hostKeyPolicy, connectTimeout);
    }

    public SshOptions withAgentSocket(Optional<Path> socket) {
        return new SshOptions(identity, socket, knownHosts, hostKeyPolicy, connectTimeout);
    }

    public SshOptions withKnownHosts(Path file, HostKeyPolicy policy) {
        return new SshOptions(identity, agentSocket, file, policy, connectTimeout);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(identity, agentSocket, knownHosts, hostKeyPolicy, timeout);
    }
}
