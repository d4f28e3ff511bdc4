package io.sluice.bootstrap;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.resolver.AddressResolver;
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
    private AddressResolver resolver = AddressResolver.system();

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

    /**
     * How {@link #connect(String, int)} turns a name into addresses (default: {@link AddressResolver#system()},
     * off the calling thread, cached for the JDK's TTLs). @return this
     */
    public Bootstrap resolver(AddressResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
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
            throw new IllegalStateException("remoteAddress: not set (expected: remoteAddress(...) or connect(address))");
        }
        return connect(remoteAddress);
    }

    /**
     * Connects to {@code host:port}: the name is resolved by the {@link #resolver(AddressResolver)},
     * never blocking the calling thread, and each of its addresses is tried in order until one
     * connects. A failed attempt's channel is closed and the next address gets a new channel, so the
     * future's {@link ChannelFuture#channel()} is the channel of the attempt under way (in the end, the
     * connected one). The future fails with the resolver's {@link java.net.UnknownHostException}, or
     * with the last connect failure naming every address tried.
     *
     * @throws IllegalArgumentException if {@code port} is not 0-65535
     */
    public ChannelFuture connect(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        validate();
        return ConnectAttempts.start(this, resolver, host, port, localAddress);
    }

    /**
     * Connects to {@code remote}; the future completes when connected or failed. An unresolved
     * {@link InetSocketAddress} is resolved as {@link #connect(String, int)} does.
     */
    public ChannelFuture connect(SocketAddress remote) {
        Objects.requireNonNull(remote, "remote");
        if (remote instanceof InetSocketAddress inet && inet.isUnresolved()) {
            return connect(inet.getHostString(), inet.getPort());
        }
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
