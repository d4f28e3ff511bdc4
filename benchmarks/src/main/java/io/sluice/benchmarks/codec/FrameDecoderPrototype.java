package io.sluice.benchmarks.codec;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.TooLongFrameException;
import java.util.List;

/**
 * A measuring prototype, not a product: the normal path of Sluice's {@code LengthFieldFrameDecoder}
 * (4-byte big-endian length, stripped) or {@code LineFrameDecoder} (CRLF or LF, stripped; bytes
 * already searched are not searched again), written so that each of two suggested changes can be
 * switched on alone, to size it ({@link DecoderPrototypeBenchmark}):
 *
 * <ul>
 *   <li>{@code prepaid}: instead of one {@code retain()} per frame ({@code readRetainedSlice}), the
 *       decoder retains the input {@link #CREDIT} times at once, emits plain {@code readSlice}s
 *       against that credit and releases the unused rest before the decode loop ends (when a call
 *       finds no whole frame, or the input is used up). Each frame still owns one reference, so
 *       the consumer's {@code release()} is unchanged; the atomic updates per frame go from two to
 *       one. In the product this belongs in {@code ByteToMessageDecoder}'s loop.</li>
 *   <li>{@code swar}: the search for {@code \n} reads eight bytes per step ({@link #indexOfLf})
 *       instead of calling {@code Buffer.indexOf}, which visits one byte per {@code ByteProcessor}
 *       call. In the product this belongs in the buffer's {@code indexOf}.</li>
 * </ul>
 *
 * Oversized frames simply fail the stream; nothing else of the real decoders' error handling is here.
 */
final class FrameDecoderPrototype extends ByteToMessageDecoder {
    /** References taken at once; far more than the frames of one read, so one retain per read. */
    static final int CREDIT = 1 << 20;

    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private final FrameStream.Codec codec;
    private final boolean prepaid;
    private final boolean swar;
    private final int maxLength;
    private int searched;
    /** The buffer the credit was taken on, and the references of it not yet given to a frame. */
    private Buffer creditOn;
    private int credit;

    FrameDecoderPrototype(FrameStream.Codec codec, boolean prepaid, boolean swar, int maxLength) {
        this.codec = codec;
        this.prepaid = prepaid;
        this.swar = swar;
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        Buffer frame = codec == FrameStream.Codec.LENGTH_FIELD ? lengthFieldFrame(in) : lineFrame(in);
        if (frame == null) {
            returnCredit(); // the loop ends after this call: hold no extra reference between reads
            return;
        }
        out.add(frame);
        if (!in.isReadable()) {
            returnCredit(); // used up: the loop ends without another call
        }
    }

    private Buffer lengthFieldFrame(Buffer in) {
        int readable = in.readableBytes();
        if (readable < FrameStream.LENGTH_FIELD_LENGTH) {
            return null;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxLength) {
            throw new TooLongFrameException("frame of " + length + " bytes");
        }
        if (readable < FrameStream.LENGTH_FIELD_LENGTH + length) {
            return null;
        }
        in.skipBytes(FrameStream.LENGTH_FIELD_LENGTH);
        return slice(in, (int) length);
    }

    private Buffer lineFrame(Buffer in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = swar ? indexOfLf(in, start + searched, end) : in.indexOf(start + searched, end, (byte) '\n');
        if (lf < 0) {
            searched = end - start;
            if (searched > maxLength + 1) {
                throw new TooLongFrameException("line longer than " + maxLength);
            }
            return null;
        }
        searched = 0;
        int delimiter = lf > start && in.getByte(lf - 1) == '\r' ? 2 : 1;
        int length = lf + 1 - delimiter - start;
        if (length > maxLength) {
            throw new TooLongFrameException("line of " + length + " bytes");
        }
        Buffer frame = slice(in, length);
        in.readerIndex(lf + 1);
        return frame;
    }

    /** A slice owning one reference of {@code in}: retained per frame, or paid from the credit. */
    private Buffer slice(Buffer in, int length) {
        if (!prepaid) {
            return in.readRetainedSlice(length);
        }
        if (creditOn != in) {
            returnCredit();
            creditOn = in;
        }
        if (credit == 0) {
            in.retain(CREDIT);
            credit = CREDIT;
        }
        Buffer frame = in.readSlice(length);
        credit--;
        return frame;
    }

    private void returnCredit() {
        if (credit > 0) {
            creditOn.release(credit);
        }
        credit = 0;
        creditOn = null;
    }

    /** The index of the first {@code \n} in {@code [from, to)}, or -1; reads whole big-endian longs. */
    static int indexOfLf(Buffer in, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long x = in.getLong(i) ^ LF; // a zero byte where the input has '\n'
            // exact per byte (no borrow between bytes): high bit set where the byte of x is zero
            long zero = ~(((x & LOW7) + LOW7) | x | LOW7);
            if (zero != 0) {
                return i + (Long.numberOfLeadingZeros(zero) >>> 3); // big-endian: first byte is the highest
            }
        }
        for (; i < to; i++) {
            if (in.getByte(i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
