package io.drover.worker.sut;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An ssh-agent client over the agent's unix socket, with the JDK's own unix-domain sockets
 * (MINA's unix agent client needs the Tomcat native library). One request at a time.
 */
final class UnixSocketAgent extends AbstractAgentProxy {
    private static final int MAX_REPLY = 256 * 1024;
    private final Path socketPath;
    private final SocketChannel channel;

    UnixSocketAgent(Path socketPath) throws IOException {
        super(null);
        this.socketPath = socketPath;
        this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot reach the ssh-agent at " + socketPath + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = readFully(ByteBuffer.allocate(4));
        int size = length.getInt(0);
        if (size < 0 || size > MAX_REPLY) {
            throw new IOException("bad reply length " + size + " from the ssh-agent at " + socketPath);
        }
        return new ByteArrayBuffer(readFully(ByteBuffer.allocate(size)).array());
    }

    private ByteBuffer readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IOException("the ssh-agent at " + socketPath + " closed the connection");
            }
        }
        return into;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "ssh-agent[" + socketPath + "]";
    }
}
