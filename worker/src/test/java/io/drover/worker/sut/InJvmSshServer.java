package io.drover.worker.sut;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/**
 * Apache SSHD's server on 127.0.0.1 with public-key authentication; commands run on this machine
 * through {@code /bin/sh -c} (sshd 2.20's ProcessShellCommandFactory). The host key lives in a
 * file, so a server restarted with the same file keeps its identity.
 */
final class InJvmSshServer implements AutoCloseable {
    private final SshServer server;

    private InJvmSshServer(SshServer server) {
        this.server = server;
    }

    static InJvmSshServer start(Path hostKeyFile, PublicKey authorized, int port) throws IOException {
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        return start(hostKeys, authorized, port);
    }

    static InJvmSshServer start(KeyPairProvider hostKeys, PublicKey authorized, int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorized));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.start();
        return new InJvmSshServer(server);
    }

    int port() {
        return server.getPort();
    }

    int activeSessions() {
        return server.getActiveSessions().size();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
