package io.sluice.channel;

import io.sluice.buffer.ReferenceCounting;

/**
 * Handles inbound messages of one type and passes others on. A message it handles is released
 * after {@link #channelRead0} returns (unless {@code autoRelease} is false), so the handler never
 * has to; retain it to keep it longer.
 *
 * @param <I> the message type handled
 */
public abstract class SimpleChannelInboundHandler<I> implements ChannelHandler {
    private final Class<? extends I> type;
    private final boolean autoRelease;

    /** Handles messages of {@code type}, releasing them afterwards. */
    protected SimpleChannelInboundHandler(Class<? extends I> type) {
        this(type, true);
    }

    /** Handles messages of {@code type}; releases them afterwards if {@code autoRelease}. */
    protected SimpleChannelInboundHandler(Class<? extends I> type, boolean autoRelease) {
        this.type = type;
        this.autoRelease = autoRelease;
    }

    /** Returns whether this handler takes {@code msg}. */
    public boolean acceptInboundMessage(Object msg) {
        return type.isInstance(msg);
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!acceptInboundMessage(msg)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            channelRead0(ctx, type.cast(msg));
        } finally {
            if (autoRelease) {
                ReferenceCounting.release(msg);
            }
        }
    }

    /** Handles one message of the accepted type. */
    protected abstract void channelRead0(ChannelHandlerContext ctx, I msg) throws Exception;
}
