package io.sluice.bootstrap;

import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server channel's last handler: each accepted channel gets the child handler, options and
 * attributes and is registered with the worker group. After an accept error (e.g. too many open
 * files) it pauses accepting for a second rather than spin, then resumes.
 */
@ChannelHandler.Sharable
final class Acceptor implements ChannelHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final long ACCEPT_PAUSE_MILLIS = 1000;

    private final EventLoopGroup childGroup;
    private final ChannelHandler childHandler;
    private final Map<ChannelOption<?>, Object> childOptions;
    private final Map<AttributeKey<?>, Object> childAttrs;

    Acceptor(EventLoopGroup childGroup, ChannelHandler childHandler, Map<ChannelOption<?>, Object> childOptions,
            Map<AttributeKey<?>, Object> childAttrs) {
        this.childGroup = childGroup;
        this.childHandler = childHandler;
        this.childOptions = childOptions;
        this.childAttrs = childAttrs;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        try {
            child.pipeline().addLast(childHandler);
            AbstractBootstrap.applyOptions(child, childOptions);
            AbstractBootstrap.applyAttrs(child, childAttrs);
            childGroup.register(child).addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.warn("Failed to register an accepted channel {}", child, f.cause());
                    child.close();
                }
            });
        } catch (Throwable t) {
            LOG.warn("Failed to set up an accepted channel {}", child, t);
            child.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().config().isAutoRead()) {
            LOG.warn("Accepting on {} failed; pausing accepts for {} ms", ctx.channel(), ACCEPT_PAUSE_MILLIS, cause);
            ctx.channel().config().autoRead(false);
            ctx.channel().eventLoop().schedule(() -> ctx.channel().config().autoRead(true),
                    ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            LOG.warn("Accepting on {} failed", ctx.channel(), cause);
        }
        // not passed on: logged here, and a server's accept errors are not the tail's business
    }
}
