package io.drover.worker.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Optional;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

import io.drover.worker.sut.HostKeyPolicy;
import io.drover.worker.sut.SshOptions;

/**
 * What a client needs to log in to simulated SUTs: the key they accept and a known_hosts file that
 * lists their host keys.
 *
 * @param identity   the private key file (ed25519, OpenSSH's format, mode 600)
 * @param knownHosts the known_hosts file
 * @param publicKey  the public half of {@code identity}, the only key the SUTs accept
 */
record ClientAccess(Path identity, Path knownHosts, PublicKey publicKey) {

    /** {@code dir/id_ed25519} (created when missing) and {@code dir/known_hosts}. */
    static ClientAccess in(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path identity = dir.resolve("id_ed25519").toAbsolutePath();
        PublicKey key = SimFiles.loadOrCreateKey(identity, "drover-sim-client").getPublic();
        return new ClientAccess(identity, dir.resolve("known_hosts").toAbsolutePath(), key);
    }

    /** The known_hosts line of a SUT on {@code 127.0.0.1:port}. */
    static String knownHostsLine(int port, PublicKey hostKey) {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey);
    }

    /** Replaces the known_hosts file with these lines. */
    void writeKnownHosts(Collection<String> lines) throws IOException {
        SimFiles.replace(knownHosts, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", SimFiles.READABLE);
    }

    /** The identity file, the known_hosts file under {@code strict}, no ssh-agent, other settings default. */
    SshOptions sshOptions() {
        return SshOptions.defaults()
                .withAgentSocket(Optional.empty())
                .withIdentity(identity)
                .withKnownHosts(knownHosts, HostKeyPolicy.STRICT);
    }
}
