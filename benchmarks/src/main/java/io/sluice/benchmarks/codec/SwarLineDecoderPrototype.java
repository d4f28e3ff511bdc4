package io.sluice.benchmarks.codec;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.TooLongFrameException;
import java.util.List;

/**
 * A measuring prototype, not a product: Sluice's line decoding with the search for {@code \n} done
 * eight bytes at a time ({@link #indexOfLf}) instead of through {@code Buffer.indexOf}, which visits
 * one byte per call of a {@code ByteProcessor}. Everything else is as in {@code LineFrameDecoder}'s
 * normal path (CRLF or LF stripped, already-searched bytes not searched again, emitted as a retained
 * slice); an overlong line simply fails the stream. {@link LineSearchPrototypeBenchmark} compares it
 * with {@code LineFrameDecoder} to size the gain of a word-at-a-time search in the buffer itself.
 */
final class SwarLineDecoderPrototype extends ByteToMessageDecoder {
    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private final int maxLength;
    private int searched;

    SwarLineDecoderPrototype(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = indexOfLf(in, start + searched, end);
        if (lf < 0) {
            searched = end - start;
            if (searched > maxLength + 1) {
                throw new TooLongFrameException("line longer than " + maxLength);
            }
            return;
        }
        searched = 0;
        int delimiter = lf > start && in.getByte(lf - 1) == '\r' ? 2 : 1;
        int length = lf + 1 - delimiter - start;
        if (length > maxLength) {
            throw new TooLongFrameException("line of " + length + " bytes");
        }
        out.add(in.readRetainedSlice(length));
        in.readerIndex(lf + 1);
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
