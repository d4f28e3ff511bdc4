package io.sluice.codec;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.util.List;
import java.util.Objects;

/**
 * Turns each outbound message of type {@code I} into one or more messages written on in order;
 * the input message is released afterwards (retain what you pass on unchanged). Other messages
 * pass through. The write's promise completes when every part is written, or fails with the first
 * part's failure. Emitting nothing is an {@link EncoderException}: a write always produces output.
 *
 * <p>Keeps no state of its own, so a subclass without state may be marked
 * {@link ChannelHandler.Sharable}.
 *
 * @param <I> the type of message this encoder handles
 */
public abstract class MessageToMessageEncoder<I> implements ChannelHandler {
    private final Class<? extends I> type;
    /** The handler named in exceptions: this one, or the codec it serves. */
    private final ChannelHandler owner;

    /** Creates an encoder for messages of {@code type}. */
    protected MessageToMessageEncoder(Class<? extends I> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.owner = this;
    }

    /** Creates the encoder half of {@code owner}, a codec, named in its exceptions. */
    MessageToMessageEncoder(Class<? extends I> type, ChannelHandler owner) {
        this.type = Objects.requireNonNull(type, "type");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Returns whether this encoder handles {@code msg}; by default, whether it is an {@code I}. */
    public boolean acceptOutboundMessage(Object msg) {
        return type.isInstance(msg);
    }

    /**
     * Encodes {@code msg} into {@code out}. The message is released after this returns.
     *
     * @param ctx this handler's context
     * @param msg the message to encode
     * @param out where to add the messages to write, at least one
     * @throws Exception if the message cannot be encoded
     */
    protected abstract void encode(ChannelHandlerContext ctx, I msg, List<Object> out) throws Exception;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!acceptOutboundMessage(msg)) {
            ctx.write(msg, promise);
            return;
        }
        CodecOutputList out = CodecOutputList.acquire();
        try {
            try {
                encode(ctx, type.cast(msg), out);
            } catch (EncoderException e) {
                throw e;
            } catch (Throwable t) {
                throw new EncoderException(owner.getClass().getName() + " failed to encode a " + msg.getClass().getName()
                        + ": " + t, t);
            } finally {
                ReferenceCounting.release(msg);
            }
            if (out.isEmpty()) {
                throw new EncoderException(owner.getClass().getName() + " output for a " + msg.getClass().getName()
                        + ": no message (expected: at least one; an encoder must write something)");
            }
            writeAll(ctx, out, promise);
        } catch (Throwable t) {
            for (int i = 0, n = out.size(); i < n; i++) {
                ReferenceCounting.safeRelease(out.get(i));
            }
            throw t;
        } finally {
            out.recycle();
        }
    }

    private static void writeAll(ChannelHandlerContext ctx, CodecOutputList out, ChannelPromise promise) {
        int n = out.size();
        if (n == 1 || promise.isVoid()) {
            for (int i = 0; i < n - 1; i++) {
                ctx.write(out.set(i, null), promise);
            }
            ctx.write(out.set(n - 1, null), promise);
            return;
        }
        PartsPromise parts = new PartsPromise(promise, n);
        for (int i = 0; i < n; i++) {
            ctx.write(out.set(i, null)).addListener(parts);
        }
    }
}
