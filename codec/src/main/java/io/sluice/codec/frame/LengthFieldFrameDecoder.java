package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.CorruptedFrameException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Splits input into frames by a length field in each frame's header. The header is
 * {@code lengthFieldOffset} bytes of anything, then a {@code lengthFieldLength}-byte unsigned
 * length (1, 2, 3, 4 or 8 bytes, big-endian unless told). The frame ends
 * {@code length + lengthAdjustment} bytes after the length field; use a negative adjustment when
 * the length counts the header too. The first {@code initialBytesToStrip} bytes of each frame are
 * dropped, and the rest is emitted as a retained slice of the input (no copy).
 *
 * <p>Examples: a 2-byte length then the body, body emitted without the length:
 * {@code new LengthFieldFrameDecoder(max, 0, 2, 0, 2)}; a 1-byte type, then a 4-byte length
 * counting the whole frame, emitted whole: {@code new LengthFieldFrameDecoder(max, 1, 4, -5, 0)}.
 *
 * <p>A frame longer than {@code maxFrameLength} (counted with its header) is refused as soon as its
 * length field is read: a {@link io.sluice.codec.TooLongFrameException}, then per
 * {@link TooLongFrameAction} the stream ends or the frame is skipped. A negative length (8-byte
 * fields), an adjusted length shorter than the header, or more bytes to strip than the frame has
 * is a {@link CorruptedFrameException}; so is input that ends inside a frame.
 */
public class LengthFieldFrameDecoder extends ByteToMessageDecoder {
    private final ByteOrder byteOrder;
    private final int maxFrameLength;
    private final int lengthFieldOffset;
    private final int lengthFieldLength;
    private final int headerLength;
    private final int lengthAdjustment;
    private final int initialBytesToStrip;
    private final TooLongFrameAction tooLongFrameAction;
    private long bytesToDiscard;

    /** A decoder with no adjustment that emits whole frames, header included. */
    public LengthFieldFrameDecoder(int maxFrameLength, int lengthFieldOffset, int lengthFieldLength) {
        this(maxFrameLength, lengthFieldOffset, lengthFieldLength, 0, 0);
    }

    /** A big-endian decoder that closes the stream on an oversized frame. */
    public LengthFieldFrameDecoder(int maxFrameLength, int lengthFieldOffset, int lengthFieldLength,
            int lengthAdjustment, int initialBytesToStrip) {
        this(ByteOrder.BIG_ENDIAN, maxFrameLength, lengthFieldOffset, lengthFieldLength, lengthAdjustment,
                initialBytesToStrip, TooLongFrameAction.CLOSE);
    }

    /**
     * A decoder with every setting.
     *
     * @param byteOrder the byte order of the length field
     * @param maxFrameLength the longest frame accepted, header included
     * @param lengthFieldOffset where the length field starts in the header
     * @param lengthFieldLength the length field's size: 1, 2, 3, 4 or 8 bytes
     * @param lengthAdjustment added to the length to find the frame's end after the length field
     * @param initialBytesToStrip how many bytes of each frame to drop before emitting it
     * @param tooLongFrameAction what to do with a frame longer than {@code maxFrameLength}
     */
    public LengthFieldFrameDecoder(ByteOrder byteOrder, int maxFrameLength, int lengthFieldOffset,
            int lengthFieldLength, int lengthAdjustment, int initialBytesToStrip,
            TooLongFrameAction tooLongFrameAction) {
        super(Frames.checkPositive(maxFrameLength, "maxFrameLength"));
        this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
        this.tooLongFrameAction = Objects.requireNonNull(tooLongFrameAction, "tooLongFrameAction");
        this.maxFrameLength = maxFrameLength;
        if (lengthFieldOffset < 0) {
            throw new IllegalArgumentException("lengthFieldOffset: " + lengthFieldOffset + " (expected: >= 0)");
        }
        Frames.checkLengthFieldLength(lengthFieldLength);
        if (initialBytesToStrip < 0) {
            throw new IllegalArgumentException("initialBytesToStrip: " + initialBytesToStrip + " (expected: >= 0)");
        }
        if (lengthFieldOffset > maxFrameLength - lengthFieldLength) {
            throw new IllegalArgumentException("maxFrameLength: " + maxFrameLength + " (expected: >= lengthFieldOffset"
                    + " + lengthFieldLength = " + lengthFieldOffset + " + " + lengthFieldLength + ")");
        }
        this.lengthFieldOffset = lengthFieldOffset;
        this.lengthFieldLength = lengthFieldLength;
        this.headerLength = lengthFieldOffset + lengthFieldLength;
        this.lengthAdjustment = lengthAdjustment;
        this.initialBytesToStrip = initialBytesToStrip;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        if (bytesToDiscard > 0) {
            int now = (int) Math.min(bytesToDiscard, in.readableBytes());
            in.skipBytes(now);
            bytesToDiscard -= now;
            return;
        }
        if (in.readableBytes() < headerLength) {
            return;
        }
        long length = getUnadjustedFrameLength(in, in.readerIndex() + lengthFieldOffset, lengthFieldLength, byteOrder);
        if (length < 0) {
            throw new CorruptedFrameException(Frames.name(this) + ": length field at offset " + lengthFieldOffset
                    + ": " + length + " (expected: >= 0, not negative)");
        }
        // a length this large cannot be a valid frame; clamping keeps the sum below from overflowing
        long frameLength = Math.min(length, 1L << 40) + lengthAdjustment + headerLength;
        if (frameLength < headerLength) {
            throw new CorruptedFrameException(Frames.name(this) + ": adjusted frame length: " + frameLength
                    + " (expected: >= " + headerLength + ", the header length; length field " + length
                    + ", lengthAdjustment " + lengthAdjustment + ")");
        }
        if (frameLength > maxFrameLength) {
            if (length >= 1L << 40) {
                Frames.tooLong(ctx, tooLongFrameAction, this, "length field", length, "maxFrameLength", maxFrameLength);
            } else {
                Frames.tooLong(ctx, tooLongFrameAction, this, "frame length", frameLength, "maxFrameLength",
                        maxFrameLength);
            }
            int now = (int) Math.min(frameLength, in.readableBytes());
            in.skipBytes(now);
            bytesToDiscard = frameLength - now;
            return;
        }
        int frame = (int) frameLength;
        if (in.readableBytes() < frame) {
            return;
        }
        if (initialBytesToStrip > frame) {
            throw new CorruptedFrameException(Frames.name(this) + ": initialBytesToStrip: " + initialBytesToStrip
                    + " (expected: <= the frame length " + frame + ")");
        }
        in.skipBytes(initialBytesToStrip);
        out.add(readFrame(in, frame - initialBytesToStrip));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable() && bytesToDiscard == 0) {
            throw Frames.truncated(this, in.readableBytes());
        }
    }

    /**
     * Reads the raw length field at {@code offset}. Override for a length encoded some other way;
     * a negative result is reported as a {@link CorruptedFrameException}.
     *
     * @param buf the input
     * @param offset the absolute index of the length field
     * @param length the length field's size in bytes
     * @param order the byte order
     * @return the length as written in the field
     */
    protected long getUnadjustedFrameLength(Buffer buf, int offset, int length, ByteOrder order) {
        boolean big = order == ByteOrder.BIG_ENDIAN;
        switch (length) {
            case 1:
                return buf.getUnsignedByte(offset);
            case 2:
                return big ? buf.getUnsignedShort(offset) : buf.getUnsignedShortLE(offset);
            case 3:
                return big ? buf.getUnsignedMedium(offset) : buf.getUnsignedMediumLE(offset);
            case 4:
                return big ? buf.getUnsignedInt(offset) : buf.getUnsignedIntLE(offset);
            case 8:
                return big ? buf.getLong(offset) : buf.getLongLE(offset);
            default:
                throw new IllegalArgumentException("lengthFieldLength: " + length + " (expected: 1, 2, 3, 4 or 8)");
        }
    }
}
