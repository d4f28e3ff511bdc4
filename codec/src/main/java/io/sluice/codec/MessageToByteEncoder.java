package io.sluice.codec;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.util.Objects;

/**
 * Writes messages of type {@code I} as bytes. For each such message written, allocates a buffer
 * from the channel's allocator (sized by {@link #sizeHint}), lets {@link #encode} fill it, releases
 * the message and writes the buffer on with the same promise. Other messages pass through.
 *
 * <p>An exception from {@code encode} releases the buffer and the message and fails the write's
 * promise with an {@link EncoderException} naming the encoder. An encoder without state may be
 * marked {@link ChannelHandler.Sharable} and added to many pipelines.
 *
 * @param <I> the type of message this encoder writes
 */
public abstract class MessageToByteEncoder<I> implements ChannelHandler {
    private final Class<? extends I> type;
    /** The handler named in exceptions: this one, or the codec it serves. */
    private final ChannelHandler owner;
    private final boolean preferDirect;

    /** Creates an encoder for messages of {@code type}, encoding into direct memory. */
    protected MessageToByteEncoder(Class<? extends I> type) {
        this(type, true);
    }

    /** Creates an encoder for messages of {@code type}; {@code preferDirect} picks direct memory. */
    protected MessageToByteEncoder(Class<? extends I> type, boolean preferDirect) {
        this.type = Objects.requireNonNull(type, "type");
        this.preferDirect = preferDirect;
        this.owner = this;
    }

    /** Creates the encoder half of {@code owner}, a codec, named in its exceptions. */
    MessageToByteEncoder(Class<? extends I> type, boolean preferDirect, ChannelHandler owner) {
        this.type = Objects.requireNonNull(type, "type");
        this.preferDirect = preferDirect;
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Returns whether this encoder handles {@code msg}; by default, whether it is an {@code I}. */
    public boolean acceptOutboundMessage(Object msg) {
        return type.isInstance(msg);
    }

    /**
     * Writes {@code msg} into {@code out}. The message is released after this returns.
     *
     * @param ctx this handler's context
     * @param msg the message to encode
     * @param out the buffer to write into; it grows as needed
     * @throws Exception if the message cannot be encoded
     */
    protected abstract void encode(ChannelHandlerContext ctx, I msg, Buffer out) throws Exception;

    /**
     * Returns the initial capacity of the buffer for {@code msg}; an exact or slightly high guess
     * saves the buffer from growing. By default 256.
     */
    protected int sizeHint(I msg) {
        return 256;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!acceptOutboundMessage(msg)) {
            ctx.write(msg, promise);
            return;
        }
        I cast = type.cast(msg);
        Buffer buf = null;
        try {
            int size = sizeHint(cast);
            buf = preferDirect ? ctx.alloc().directBuffer(size) : ctx.alloc().heapBuffer(size);
            encode(ctx, cast, buf);
        } catch (Throwable t) {
            if (buf != null) {
                buf.release();
            }
            throw t instanceof EncoderException known ? known
                    : new EncoderException(owner.getClass().getName() + " failed to encode a "
                            + msg.getClass().getName() + ": " + t, t);
        } finally {
            ReferenceCounting.release(cast);
        }
        ctx.write(buf, promise); // an empty buffer still completes the promise in order
    }
}
