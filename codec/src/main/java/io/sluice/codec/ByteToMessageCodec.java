package io.sluice.codec;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.util.List;

/**
 * A {@link ByteToMessageDecoder} and a {@link MessageToByteEncoder} in one handler, for protocols
 * whose two directions are written together: decodes inbound bytes into messages and encodes
 * outbound messages of type {@code I} into bytes. Everything the two bases promise holds here; as
 * the decoder holds per-connection state, a subclass marked {@link ChannelHandler.Sharable} is refused
 * when it is constructed ({@link IllegalStateException}).
 *
 * @param <I> the outbound message type this codec encodes
 */
public abstract class ByteToMessageCodec<I> implements ChannelHandler {
    private final ByteToMessageDecoder decoder = new ByteToMessageDecoder(this) {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            ByteToMessageCodec.this.decode(ctx, in, out);
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            ByteToMessageCodec.this.decodeLast(ctx, in, out);
        }
    };
    private final MessageToByteEncoder<I> encoder;

    /** Creates a codec encoding messages of {@code outboundType} into direct memory. */
    protected ByteToMessageCodec(Class<? extends I> outboundType) {
        this(outboundType, true);
    }

    /** Creates a codec encoding messages of {@code outboundType}; {@code preferDirect} picks direct memory. */
    protected ByteToMessageCodec(Class<? extends I> outboundType, boolean preferDirect) {
        encoder = new MessageToByteEncoder<I>(outboundType, preferDirect, this) {
            @Override
            protected void encode(ChannelHandlerContext ctx, I msg, Buffer out) throws Exception {
                ByteToMessageCodec.this.encode(ctx, msg, out);
            }

            @Override
            protected int sizeHint(I msg) {
                return ByteToMessageCodec.this.sizeHint(msg);
            }
        };
    }

    /**
     * Sets the most bytes the decoder half keeps waiting for a message to complete; see
     * {@link ByteToMessageDecoder#setMaxCumulationBytes}.
     *
     * @param maxCumulationBytes the bound, in bytes
     * @throws IllegalArgumentException if it is not positive
     */
    public final void setMaxCumulationBytes(int maxCumulationBytes) {
        decoder.setMaxCumulationBytes(maxCumulationBytes);
    }

    /** Returns the most bytes the decoder half keeps waiting for a message to complete (16 MiB unless set). */
    public final int maxCumulationBytes() {
        return decoder.maxCumulationBytes();
    }

    /** See {@link ByteToMessageDecoder#decode}. @throws Exception if the input is invalid */
    protected abstract void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception;

    /** See {@link ByteToMessageDecoder#decodeLast}. @throws Exception if the input is invalid or truncated */
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
    }

    /** See {@link MessageToByteEncoder#encode}. @throws Exception if {@code msg} cannot be encoded */
    protected abstract void encode(ChannelHandlerContext ctx, I msg, Buffer out) throws Exception;

    /** See {@link MessageToByteEncoder#sizeHint}; by default 256. */
    protected int sizeHint(I msg) {
        return 256;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        decoder.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        decoder.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        decoder.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        decoder.userEventTriggered(ctx, event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        decoder.handlerRemoved(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        encoder.write(ctx, msg, promise);
    }
}
