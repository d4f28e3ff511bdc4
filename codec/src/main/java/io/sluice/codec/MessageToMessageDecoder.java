package io.sluice.codec;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Objects;

/**
 * Turns each inbound message of type {@code I} into zero or more messages, passed on in order;
 * the input message is released afterwards (retain what you pass on unchanged). Other messages
 * pass through. An exception from {@code decode} goes to {@code exceptionCaught} as a
 * {@link DecoderException}; unlike a byte stream, later messages are still decoded.
 *
 * <p>With auto-read off, a message that decodes into nothing asks for the next read itself
 * ({@code ctx.read()}): no handler further on saw it, so none would, and the connection would stall.
 *
 * <p>Keeps no state of its own, so a subclass without state may be marked
 * {@link ChannelHandler.Sharable}.
 *
 * @param <I> the type of message this decoder handles
 */
public abstract class MessageToMessageDecoder<I> implements ChannelHandler {
    private final Class<? extends I> type;
    /** The handler named in exceptions: this one, or the codec it serves. */
    private final ChannelHandler owner;

    /** Creates a decoder for messages of {@code type}. */
    protected MessageToMessageDecoder(Class<? extends I> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.owner = this;
    }

    /** Creates the decoder half of {@code owner}, a codec, named in its exceptions. */
    MessageToMessageDecoder(Class<? extends I> type, ChannelHandler owner) {
        this.type = Objects.requireNonNull(type, "type");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Returns whether this decoder handles {@code msg}; by default, whether it is an {@code I}. */
    public boolean acceptInboundMessage(Object msg) {
        return type.isInstance(msg);
    }

    /**
     * Decodes {@code msg} into {@code out}. The message is released after this returns.
     *
     * @param ctx this handler's context
     * @param msg the message to decode
     * @param out where to add the decoded messages
     * @throws Exception if the message cannot be decoded
     */
    protected abstract void decode(ChannelHandlerContext ctx, I msg, List<Object> out) throws Exception;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!acceptInboundMessage(msg)) {
            ctx.fireChannelRead(msg);
            return;
        }
        CodecOutputList out = CodecOutputList.acquire();
        try {
            decode(ctx, type.cast(msg), out);
        } catch (DecoderException e) {
            throw e;
        } catch (Exception e) {
            throw new DecoderException(owner.getClass().getName() + " failed to decode a " + msg.getClass().getName()
                    + ": " + e, e);
        } finally {
            ReferenceCounting.release(msg);
            try {
                int n = out.size();
                for (int i = 0; i < n; i++) {
                    ctx.fireChannelRead(out.get(i));
                }
                if (n == 0 && !ctx.channel().config().isAutoRead()) {
                    ctx.read(); // nobody further on saw a message, so nobody would ask for the next
                }
            } finally {
                out.recycle();
            }
        }
    }
}
