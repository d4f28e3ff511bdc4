package io.sluice.bootstrap;

import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import io.sluice.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Creates a server channel: binds it, and gives every accepted connection its options,
 * attributes and handler (the {@code childHandler}, usually a {@link ChannelInitializer}) before
 * registering it with a loop of the worker group (the same group as the acceptor's unless
 * {@link #group(EventLoopGroup, EventLoopGroup)} names two: muduo's main and sub reactors).
 *
 * <pre>
 * ServerBootstrap.create()
 *     .group(loops)
 *     .channel(NioServerSocketChannel::new)
 *     .childOption(ChannelOption.TCP_NODELAY, true)
 *     .childHandler(new MyInitializer())
 *     .bind("127.0.0.1", 7007).sync();
 * </pre>
 */
public final class ServerBootstrap extends AbstractBootstrap<ServerBootstrap, ServerChannel> {
    private EventLoopGroup childGroup;
    private ChannelHandler childHandler;
    private final Map<ChannelOption<?>, Object> childOptions = new LinkedHashMap<>();
    private final Map<AttributeKey<?>, Object> childAttrs = new LinkedHashMap<>();

    private ServerBootstrap() {}

    /** Returns an empty server bootstrap. */
    public static ServerBootstrap create() {
        return new ServerBootstrap();
    }

    /** One group accepts and serves connections (single reactor). @return this */
    @Override
    public ServerBootstrap group(EventLoopGroup group) {
        return group(group, group);
    }

    /** {@code acceptors} accept, {@code workers} serve the accepted connections. @return this */
    public ServerBootstrap group(EventLoopGroup acceptors, EventLoopGroup workers) {
        super.group(acceptors);
        this.childGroup = Objects.requireNonNull(workers, "workers");
        return this;
    }

    /** Sets an option of every accepted channel. @return this */
    public <T> ServerBootstrap childOption(ChannelOption<T> option, T value) {
        childOptions.put(Objects.requireNonNull(option, "option"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets an attribute of every accepted channel. @return this */
    public <T> ServerBootstrap childAttr(AttributeKey<T> key, T value) {
        childAttrs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The handler of every accepted channel; must be sharable (an initializer is). @return this */
    public ServerBootstrap childHandler(ChannelHandler childHandler) {
        this.childHandler = Objects.requireNonNull(childHandler, "childHandler");
        return this;
    }

    @Override
    void validate() {
        super.validate();
        if (childHandler == null) {
            throw new IllegalStateException("childHandler: not set (expected: childHandler(...) called first)");
        }
    }

    @Override
    void init(ServerChannel channel) {
        ChannelHandler handler = handler();
        Acceptor acceptor = new Acceptor(childGroup, childHandler, Map.copyOf(childOptions), Map.copyOf(childAttrs));
        channel.pipeline().addLast(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (handler != null) {
                    ch.pipeline().addLast(handler);
                }
                ch.pipeline().addLast("acceptor", acceptor);
            }
        });
    }

    /** Binds to {@code port} on the loopback address 127.0.0.1 (use {@link #bind(String, int)} for others). */
    public ChannelFuture bind(int port) {
        return bind(new InetSocketAddress("127.0.0.1", port));
    }

    /** Binds to {@code host:port}. */
    public ChannelFuture bind(String host, int port) {
        return bind(new InetSocketAddress(host, port));
    }

    /** Binds to {@code local}; the future completes when listening (or failed, the channel closed). */
    public ChannelFuture bind(SocketAddress local) {
        Objects.requireNonNull(local, "local");
        validate();
        return registerThen(channel -> channel.bind(local));
    }
}
