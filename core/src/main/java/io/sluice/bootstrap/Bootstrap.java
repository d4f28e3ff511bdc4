package io.sluice.bootstrap;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Creates client channels: register with a loop of the group, then connect (with the
 * {@code CONNECT_TIMEOUT_MILLIS} option as the timeout). {@code bind()} is for connectionless
 * transports.
 *
 * <pre>
 * Channel ch = Bootstrap.create()
 *     .group(loops)
 *     .channel(NioSocketChannel::new)
 *     .handler(new MyClientInitializer())
 *     .connect("127.0.0.1", 7007).sync().channel();
 * </pre>
 */
public final class Bootstrap extends AbstractBootstrap<Bootstrap, Channel> {
    private SocketAddress remoteAddress;
    private SocketAddress localAddress;

    private Bootstrap() {}

    /** Returns an empty bootstrap. */
    public static Bootstrap create() {
        return new Bootstrap();
    }

    /** The address {@link #connect()} connects to. @return this */
    public Bootstrap remoteAddress(SocketAddress remoteAddress) {
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        return this;
    }

    /** The local address to bind before connecting (optional). @return this */
    public Bootstrap localAddress(SocketAddress localAddress) {
        this.localAddress = localAddress;
        return this;
    }

    @Override
    void init(Channel channel) {
        ChannelHandler handler = handler();
        if (handler != null) {
            channel.pipeline().addLast(handler);
        }
    }

    /** Connects to the configured remote address. */
    public ChannelFuture connect() {
        if (remoteAddress == null) {
            throw new IllegalStateException("remoteAddress not set");
        }
        return connect(remoteAddress);
    }

    /** Connects to {@code host:port} (resolved now, blocking on DNS if it is a name). */
    public ChannelFuture connect(String host, int port) {
        return connect(new InetSocketAddress(host, port));
    }

    /** Connects to {@code remote}; the future completes when connected or failed. */
    public ChannelFuture connect(SocketAddress remote) {
        Objects.requireNonNull(remote, "remote");
        validate();
        return registerThen(channel -> channel.connect(remote, localAddress));
    }

    /** Binds a connectionless channel to {@code local}. */
    public ChannelFuture bind(SocketAddress local) {
        Objects.requireNonNull(local, "local");
        validate();
        return registerThen(channel -> channel.bind(local));
    }
}
