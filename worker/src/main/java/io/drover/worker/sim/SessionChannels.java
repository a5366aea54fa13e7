package io.drover.worker.sim;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * Session channels (exec requests), at most {@link #MAX_OPEN} open at once on one connection, as
 * OpenSSH's {@code MaxSessions} allows by default. One more is refused and the connection stays up.
 * MINA's own limit ({@code max-concurrent-channels}) drops the whole connection instead.
 */
final class SessionChannels implements ChannelFactory {
    static final int MAX_OPEN = 10;
    private static final AttributeKey<AtomicInteger> OPEN = new AttributeKey<>();

    @Override
    public String getName() {
        return ChannelSessionFactory.INSTANCE.getName();
    }

    /** A new session channel, or null (MINA then refuses the channel) when {@link #MAX_OPEN} are open. */
    @Override
    public Channel createChannel(Session session) throws IOException {
        AtomicInteger open = session.computeAttributeIfAbsent(OPEN, key -> new AtomicInteger());
        if (open.incrementAndGet() > MAX_OPEN) {
            open.decrementAndGet();
            return null;
        }
        Channel channel = ChannelSessionFactory.INSTANCE.createChannel(session);
        channel.addCloseFutureListener(closed -> open.decrementAndGet());
        return channel;
    }
}
