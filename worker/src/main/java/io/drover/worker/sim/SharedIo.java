package io.drover.worker.sim;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;

/**
 * One NIO2 I/O service (one asynchronous channel group and its thread pools) for every simulated
 * SUT's server in the process. MINA gives each server its own by default, and a stopped server
 * closes the one it was given; here each server gets a view whose closing leaves the shared
 * service alone.
 */
final class SharedIo implements IoServiceFactoryFactory {
    private final Nio2ServiceFactory shared;

    SharedIo() {
        // The manager given here only supplies I/O properties (worker count, socket options,
        // buffer sizes); sessions are still created by each server's own handler.
        SshServer properties = new SshServer();
        // Without it, Nagle's algorithm and delayed ACKs add up to 40 ms to every small exchange.
        CoreModuleProperties.TCP_NODELAY.set(properties, true);
        shared = new Nio2ServiceFactory(properties, null, null);
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new View();
    }

    @Override
    public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        throw new UnsupportedOperationException("the simulation's I/O threads are shared and fixed");
    }

    /** Closes the shared service (every server must be stopped first). */
    void close() {
        shared.close(true);
    }

    /** What one server sees: the shared service, which its stop does not close. */
    private final class View extends AbstractCloseable implements IoServiceFactory {
        @Override
        public IoConnector createConnector(IoHandler handler) {
            return shared.createConnector(handler);
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return shared.createAcceptor(handler);
        }

        @Override
        public IoServiceEventListener getIoServiceEventListener() {
            return shared.getIoServiceEventListener();
        }

        @Override
        public void setIoServiceEventListener(IoServiceEventListener listener) {
            throw new UnsupportedOperationException("the simulation's I/O service is shared");
        }
    }
}
