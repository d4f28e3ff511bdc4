package io.sluice.codec;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.util.List;

/**
 * A {@link MessageToMessageDecoder} and a {@link MessageToMessageEncoder} in one handler: decodes
 * inbound messages of type {@code IN} and encodes outbound messages of type {@code OUT}.
 *
 * @param <IN> the inbound message type this codec decodes
 * @param <OUT> the outbound message type this codec encodes
 */
public abstract class MessageToMessageCodec<IN, OUT> implements ChannelHandler {
    private final MessageToMessageDecoder<IN> decoder;
    private final MessageToMessageEncoder<OUT> encoder;

    /** Creates a codec decoding {@code inboundType} and encoding {@code outboundType}. */
    protected MessageToMessageCodec(Class<? extends IN> inboundType, Class<? extends OUT> outboundType) {
        decoder = new MessageToMessageDecoder<IN>(inboundType, this) {
            @Override
            public boolean acceptInboundMessage(Object msg) {
                return MessageToMessageCodec.this.acceptInboundMessage(msg) && super.acceptInboundMessage(msg);
            }

            @Override
            protected void decode(ChannelHandlerContext ctx, IN msg, List<Object> out) throws Exception {
                MessageToMessageCodec.this.decode(ctx, msg, out);
            }
        };
        encoder = new MessageToMessageEncoder<OUT>(outboundType, this) {
            @Override
            public boolean acceptOutboundMessage(Object msg) {
                return MessageToMessageCodec.this.acceptOutboundMessage(msg) && super.acceptOutboundMessage(msg);
            }

            @Override
            protected void encode(ChannelHandlerContext ctx, OUT msg, List<Object> out) throws Exception {
                MessageToMessageCodec.this.encode(ctx, msg, out);
            }
        };
    }

    /** Returns whether {@code msg} is decoded; by default every {@code IN}. */
    public boolean acceptInboundMessage(Object msg) {
        return true;
    }

    /** Returns whether {@code msg} is encoded; by default every {@code OUT}. */
    public boolean acceptOutboundMessage(Object msg) {
        return true;
    }

    /** See {@link MessageToMessageDecoder#decode}. @throws Exception if {@code msg} cannot be decoded */
    protected abstract void decode(ChannelHandlerContext ctx, IN msg, List<Object> out) throws Exception;

    /** See {@link MessageToMessageEncoder#encode}. @throws Exception if {@code msg} cannot be encoded */
    protected abstract void encode(ChannelHandlerContext ctx, OUT msg, List<Object> out) throws Exception;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        decoder.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        encoder.write(ctx, msg, promise);
    }
}
