package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.CorruptedFrameException;
import java.util.List;
import java.util.Objects;

/**
 * Splits input into frames prefixed by their length as a base-128 varint (protobuf's
 * {@code writeDelimitedTo} format: 7 bits per byte, least significant first, high bit set on all
 * but the last byte). The body is emitted as a retained slice of the input (no copy), without the
 * prefix. See {@link Varint32LengthPrepender} for the encoder.
 *
 * <p>A prefix longer than 5 bytes or a length above {@code 2^31 - 1} is a
 * {@link CorruptedFrameException}; a length above {@code maxFrameLength} is refused as soon as the
 * prefix is read: a {@link io.sluice.codec.TooLongFrameException}, then per
 * {@link TooLongFrameAction} the stream ends or the frame is skipped. Input that ends inside a
 * frame is a {@link CorruptedFrameException}.
 */
public class Varint32FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameLength;
    private final TooLongFrameAction tooLongFrameAction;
    private long bytesToDiscard;

    /** A decoder for bodies of at most {@code maxFrameLength} bytes that closes the stream on a longer one. */
    public Varint32FrameDecoder(int maxFrameLength) {
        this(maxFrameLength, TooLongFrameAction.CLOSE);
    }

    /**
     * A decoder with every setting.
     *
     * @param maxFrameLength the longest body accepted, not counting the prefix
     * @param tooLongFrameAction what to do with a longer body
     */
    public Varint32FrameDecoder(int maxFrameLength, TooLongFrameAction tooLongFrameAction) {
        super(Frames.checkPositive(maxFrameLength, "maxFrameLength"));
        this.maxFrameLength = maxFrameLength;
        this.tooLongFrameAction = Objects.requireNonNull(tooLongFrameAction, "tooLongFrameAction");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        if (bytesToDiscard > 0) {
            int now = (int) Math.min(bytesToDiscard, in.readableBytes());
            in.skipBytes(now);
            bytesToDiscard -= now;
            return;
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        long length = 0;
        int prefix = 0;
        for (;;) {
            if (prefix == readable) {
                return; // the prefix is not complete yet
            }
            byte b = in.getByte(start + prefix);
            length |= (long) (b & 0x7F) << (7 * prefix);
            prefix++;
            if (b >= 0) {
                break;
            }
            if (prefix == 5) {
                throw new CorruptedFrameException(Frames.name(this)
                        + ": varint32 length prefix: longer than 5 bytes (expected: at most 5)");
            }
        }
        if (length > Integer.MAX_VALUE) {
            throw new CorruptedFrameException(Frames.name(this) + ": varint32 length: " + length
                    + " (expected: at most 2^31 - 1)");
        }
        if (length > maxFrameLength) {
            Frames.tooLong(ctx, tooLongFrameAction, this, "frame length", length, "maxFrameLength", maxFrameLength);
            long frame = prefix + length;
            int now = (int) Math.min(frame, readable);
            in.skipBytes(now);
            bytesToDiscard = frame - now;
            return;
        }
        if (readable - prefix < length) {
            return;
        }
        in.skipBytes(prefix);
        out.add(readFrame(in, (int) length));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable() && bytesToDiscard == 0) {
            throw Frames.truncated(this, in.readableBytes());
        }
    }
}
