package io.sluice.channel.spi;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * The first handler: hands outbound operations to the channel's transport and, after a channel
 * becomes active or finishes a read batch, asks for more reads when auto-read is on.
 */
final class HeadHandler implements ChannelHandler {
    /** One instance serves every pipeline: it finds the channel through the context. */
    static final HeadHandler INSTANCE = new HeadHandler();

    private HeadHandler() {}

    private static AbstractChannel channel(ChannelHandlerContext ctx) {
        return (AbstractChannel) ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        readIfAutoRead(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        readIfAutoRead(ctx);
    }

    private static void readIfAutoRead(ChannelHandlerContext ctx) {
        AbstractChannel channel = channel(ctx);
        if (channel.config().isAutoRead()) {
            channel.read();
        }
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        channel(ctx).bind0(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
            ChannelPromise promise) {
        channel(ctx).connect0(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        channel(ctx).disconnect0(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        channel(ctx).closeNow(promise, new ClosedChannelException());
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        channel(ctx).deregister0(promise, false);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        channel(ctx).beginRead();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        channel(ctx).write0(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        channel(ctx).flush0();
    }

    @Override
    public void shutdownOutput(ChannelHandlerContext ctx, ChannelPromise promise) {
        channel(ctx).shutdownOutput0(promise);
    }
}
