package io.sluice.codec.http.websocket;

import io.sluice.buffer.CompositeBuffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;

/**
 * Joins the fragments of a message into one frame ({@code fin} set, the first fragment's opcode and
 * RSV bits), gathering the payloads without copying in a composite buffer, up to
 * {@code maxMessageBytes} (1 MiB by default). Control frames, which may come between fragments, pass
 * through at once. A message that grows past the limit is dropped: a close frame with 1009 is sent,
 * a {@link WebSocketProtocolException} is fired and the channel closes once the close frame is sent.
 *
 * <p>Place after {@link WebSocketFrameDecoder} (which checks the order of fragments and their UTF-8)
 * and after the encoder. Runs on the channel's event loop; one instance per connection; releases the
 * fragments it holds when removed or when the channel goes inactive.
 */
public final class WebSocketMessageAggregator implements ChannelHandler {
    /** Default largest message, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    /** Largest message, in bytes. */
    private final int maxMessageBytes;
    /** The first fragment of the message in progress (its content is {@link #parts}), or null. */
    private WebSocketFrame first;
    private CompositeBuffer parts;
    /** A message went past the limit: everything after is dropped. */
    private boolean failed;

    /** An aggregator of messages up to {@link #DEFAULT_MAX_MESSAGE_BYTES}. */
    public WebSocketMessageAggregator() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** An aggregator of messages up to {@code maxMessageBytes}. */
    public WebSocketMessageAggregator(int maxMessageBytes) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 0)");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame) || frame.opcode().isControl()) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            frame.release();
            return;
        }
        long size = (parts == null ? 0L : parts.readableBytes()) + frame.content().readableBytes();
        if (size > maxMessageBytes) {
            frame.release();
            release();
            failed = true;
            ctx.fireExceptionCaught(Violations.sendClose(ctx, new WebSocketProtocolException(
                    WebSocketCloseStatus.MESSAGE_TOO_BIG, "message: more than " + maxMessageBytes
                            + " bytes (expected: at most " + maxMessageBytes + ")")));
            ctx.channel().closeGracefully();
            return;
        }
        if (parts == null) {
            if (frame.fin()) {
                ctx.fireChannelRead(frame); // whole already
                return;
            }
            first = frame;
            parts = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            parts.addComponent(frame.content());
            return;
        }
        parts.addComponent(frame.content()); // ownership moves with it
        if (frame.fin()) {
            WebSocketFrame whole = new WebSocketFrame(first.opcode(), true, first.rsv(), parts);
            first = null;
            parts = null;
            ctx.fireChannelRead(whole);
        }
    }

    private void release() {
        first = null;
        CompositeBuffer held = parts;
        parts = null;
        ReferenceCounting.safeRelease(held);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }
}
