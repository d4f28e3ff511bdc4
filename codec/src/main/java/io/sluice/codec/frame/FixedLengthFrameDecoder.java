package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits input into frames of exactly {@code frameLength} bytes, emitted as retained slices of the
 * input (no copy). Nothing more than one frame is ever buffered; input that ends inside a frame
 * is a {@link io.sluice.codec.CorruptedFrameException}.
 */
public class FixedLengthFrameDecoder extends ByteToMessageDecoder {
    private final int frameLength;

    /** A decoder for frames of {@code frameLength} bytes. */
    public FixedLengthFrameDecoder(int frameLength) {
        super(Frames.checkPositive(frameLength, "frameLength"));
        this.frameLength = frameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        if (in.readableBytes() >= frameLength) {
            out.add(readFrame(in, frameLength));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            throw Frames.truncated(this, in.readableBytes());
        }
    }
}
