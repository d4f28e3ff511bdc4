package io.sluice.handler.flow;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.ArrayDeque;

/**
 * Delivers at most one message per {@code read()} request while auto-read is off. A decoder can
 * turn one socket read into many messages; this handler holds the surplus and hands out one each
 * time the next handler asks to read, without reading more from the socket until the held ones are
 * gone. With auto-read on, messages pass straight through.
 *
 * <p>Every message passed on is followed by a {@code channelReadComplete} before this handler
 * needs another {@code read()}: a message answering a {@code read()} from the held ones is followed
 * by one at once; messages passed on during a socket read batch by the batch's own. A batch that
 * passed nothing on does not pass its {@code channelReadComplete} on. Held messages are released
 * when the channel goes inactive; when the handler is removed they are passed on to the next
 * handler. Thread: one instance per channel, on its executor; the queue allocates only when it
 * grows.
 */
public final class FlowControlHandler implements ChannelHandler {
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    /** Whether a read was asked for and not yet answered with a message. */
    private boolean readRequested;
    /** Whether a message went on since the last {@code channelReadComplete} went on. */
    private boolean deliveredSinceComplete;

    private FlowControlHandler() {}

    /** Returns a new handler for one channel. */
    public static FlowControlHandler create() {
        return new FlowControlHandler();
    }

    /** Returns how many messages are held. */
    public int heldMessages() {
        return held.size();
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        Object msg = held.poll();
        if (msg == null) {
            readRequested = true; // nothing held: ask the socket
            ctx.read();
            return;
        }
        ctx.fireChannelRead(msg);
        ctx.fireChannelReadComplete(); // the answer to this read() is complete
        deliveredSinceComplete = false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held.isEmpty() && (readRequested || ctx.channel().config().isAutoRead())) {
            readRequested = false;
            deliveredSinceComplete = true;
            ctx.fireChannelRead(msg); // nothing held and someone asked: straight through
        } else {
            held.add(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ctx.channel().config().isAutoRead()) {
            drain(ctx); // auto-read was turned back on: nothing waits for a read() any more
        }
        if (deliveredSinceComplete) {
            deliveredSinceComplete = false;
            ctx.fireChannelReadComplete();
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        for (Object msg; (msg = held.poll()) != null; ) {
            deliveredSinceComplete = true;
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!held.isEmpty()) {
            drain(ctx); // the next handler takes over what was held
            ctx.fireChannelReadComplete();
        }
    }

    private void releaseHeld() {
        for (Object msg; (msg = held.poll()) != null; ) {
            ReferenceCounting.safeRelease(msg);
        }
    }
}
