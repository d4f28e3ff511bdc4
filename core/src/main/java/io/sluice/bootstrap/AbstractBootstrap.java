package io.sluice.bootstrap;

import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.DefaultChannelPromise;
import io.sluice.channel.EventLoopGroup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What client and server bootstraps share: the event loop group, the channel factory (the
 * transport), options, attributes and a handler for the channel they create.
 *
 * @param <B> the bootstrap type
 * @param <C> the channel type
 */
public abstract class AbstractBootstrap<B extends AbstractBootstrap<B, C>, C extends Channel> {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractBootstrap.class);

    EventLoopGroup group;
    private Supplier<? extends C> channelFactory;
    private ChannelHandler handler;
    private final Map<ChannelOption<?>, Object> options = new LinkedHashMap<>();
    private final Map<AttributeKey<?>, Object> attrs = new LinkedHashMap<>();

    AbstractBootstrap() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The event loop group the channel registers with. @return this */
    public B group(EventLoopGroup group) {
        this.group = Objects.requireNonNull(group, "group");
        return self();
    }

    /** The transport: how to create the channel, e.g. {@code NioSocketChannel::new}. @return this */
    public B channel(Supplier<? extends C> channelFactory) {
        this.channelFactory = Objects.requireNonNull(channelFactory, "channelFactory");
        return self();
    }

    /** Sets an option of the created channel. @return this */
    public <T> B option(ChannelOption<T> option, T value) {
        options.put(Objects.requireNonNull(option, "option"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /** Sets an attribute of the created channel. @return this */
    public <T> B attr(AttributeKey<T> key, T value) {
        attrs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /** The handler of the created channel (usually a {@code ChannelInitializer}). @return this */
    public B handler(ChannelHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return self();
    }

    ChannelHandler handler() {
        return handler;
    }

    void validate() {
        if (group == null) {
            throw new IllegalStateException("group: not set (expected: group(...) called first)");
        }
        if (channelFactory == null) {
            throw new IllegalStateException("channel type: not set (expected: channel(...) called first)");
        }
    }

    /** Applies options and attributes, then lets the subclass set up the pipeline. */
    abstract void init(C channel) throws Exception;

    /** Creates, initialises and registers a channel. */
    final ChannelFuture initAndRegister() {
        return initAndRegister(group);
    }

    /** Creates and initialises a channel, and registers it with {@code target} (a loop, to stay on one). */
    final ChannelFuture initAndRegister(EventLoopGroup target) {
        C channel = channelFactory.get();
        try {
            applyOptions(channel, options);
            applyAttrs(channel, attrs);
            init(channel);
        } catch (Throwable t) {
            channel.close();
            return channel.newFailedFuture(t);
        }
        return target.register(channel);
    }

    static void applyOptions(Channel channel, Map<ChannelOption<?>, Object> options) {
        for (Map.Entry<ChannelOption<?>, Object> e : options.entrySet()) {
            @SuppressWarnings("unchecked")
            ChannelOption<Object> option = (ChannelOption<Object>) e.getKey();
            if (!channel.config().option(option, e.getValue())) {
                LOG.warn("Unknown channel option '{}' for {}: ignored", option, channel);
            }
        }
    }

    static void applyAttrs(Channel channel, Map<AttributeKey<?>, Object> attrs) {
        for (Map.Entry<AttributeKey<?>, Object> e : attrs.entrySet()) {
            @SuppressWarnings("unchecked")
            AttributeKey<Object> key = (AttributeKey<Object>) e.getKey();
            channel.attr(key).set(e.getValue());
        }
    }

    /**
     * Creates and registers a channel, then runs {@code operation} (a bind or a connect) on it. The
     * returned future completes with the operation; if either step fails, the channel is closed.
     * Cancelling the future stops the operation: the channel is closed (a connect or bind under way
     * fails with {@code ClosedChannelException}; one that completed meanwhile is undone), as in Netty.
     */
    final ChannelFuture registerThen(Function<Channel, ChannelFuture> operation) {
        ChannelFuture registration = initAndRegister();
        Channel channel = registration.channel();
        ChannelPromise promise = new DefaultChannelPromise(channel, null, false); // the caller checks it
        registration.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            if (promise.isCancelled()) {
                channel.close();
                return;
            }
            // registered before the operation starts, so a cancel from now on always closes
            promise.addListener(p -> {
                if (p.isCancelled()) {
                    channel.close();
                }
            });
            operation.apply(channel).addListener(done -> {
                if (!done.isSuccess()) {
                    promise.tryFailure(done.cause());
                    channel.close();
                } else if (!promise.trySuccess()) {
                    channel.close(); // cancelled while it completed
                }
            });
        });
        return promise;
    }
}
