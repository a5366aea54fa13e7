package io.drover.worker.sim;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.command.CommandFactory;

/** Starts the SSH server of one boot of a simulated SUT, set up as OpenSSH's sshd is by default where it matters. */
final class SutSshServer {
    private SutSshServer() {
    }

    /**
     * A server on {@code 127.0.0.1:port} (0: any free port) with {@code hostKey}, accepting only
     * {@code user} with {@code authorized}, on the runtime's shared I/O service and timer. A stopped
     * server cannot be started again in MINA: every boot gets a new one.
     */
    static SshServer start(SimRuntime runtime, int port, KeyPair hostKey, String user, PublicKey authorized,
                           CommandFactory commands) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setIoServiceFactoryFactory(runtime.io());
        server.setScheduledExecutorService(runtime.timers(), false);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator(
                (name, key, session) -> name.equals(user) && KeyUtils.compareKeys(key, authorized));
        server.setCommandFactory(commands);
        server.setChannelFactories(List.of(new SessionChannels()));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO); // sshd has none; MINA's default is 10 min
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            stop(server);
            throw e;
        }
        return server;
    }

    /** Closes the listening socket and drops every session at once. */
    static void stop(SshServer server) {
        try {
            server.stop(true);
        } catch (IOException e) {
            // closing immediately does not fail; a timeout here leaves nothing behind that matters
        }
    }
}
