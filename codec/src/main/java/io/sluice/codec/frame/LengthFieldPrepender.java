package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes each outbound buffer behind a length field of 1, 2, 3, 4 or 8 bytes: the encoder for
 * {@link LengthFieldFrameDecoder}. The length written is the body's length plus
 * {@code lengthAdjustment}, plus the field's own size if {@code lengthIncludesLengthFieldLength}.
 * A length that does not fit the field fails the write with an
 * {@link io.sluice.codec.EncoderException} naming the limit. Sharable.
 */
@ChannelHandler.Sharable
public class LengthFieldPrepender extends LengthPrepender {
    private final ByteOrder byteOrder;
    private final int lengthFieldLength;
    private final int lengthAdjustment;
    private final boolean lengthIncludesLengthFieldLength;

    /** A big-endian prepender of a {@code lengthFieldLength}-byte field holding the body's length. */
    public LengthFieldPrepender(int lengthFieldLength) {
        this(ByteOrder.BIG_ENDIAN, lengthFieldLength, 0, false);
    }

    /**
     * A prepender with every setting.
     *
     * @param byteOrder the byte order of the field
     * @param lengthFieldLength the field's size: 1, 2, 3, 4 or 8 bytes
     * @param lengthAdjustment added to the length written
     * @param lengthIncludesLengthFieldLength whether the length written counts the field itself
     */
    public LengthFieldPrepender(ByteOrder byteOrder, int lengthFieldLength, int lengthAdjustment,
            boolean lengthIncludesLengthFieldLength) {
        this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
        Frames.checkLengthFieldLength(lengthFieldLength);
        this.lengthFieldLength = lengthFieldLength;
        this.lengthAdjustment = lengthAdjustment;
        this.lengthIncludesLengthFieldLength = lengthIncludesLengthFieldLength;
    }

    @Override
    int headerLength(int bodyLength) {
        long length = fieldValue(bodyLength);
        if (length < 0) {
            throw tooLong(this, length, ">= 0 after lengthAdjustment " + lengthAdjustment);
        }
        if (lengthFieldLength < 8 && length >= 1L << (8 * lengthFieldLength)) {
            throw tooLong(this, length, "at most " + ((1L << (8 * lengthFieldLength)) - 1) + ", what a "
                    + lengthFieldLength + "-byte length field holds");
        }
        return lengthFieldLength;
    }

    private long fieldValue(int bodyLength) {
        return (long) bodyLength + lengthAdjustment + (lengthIncludesLengthFieldLength ? lengthFieldLength : 0);
    }

    @Override
    void writeHeader(Buffer out, int bodyLength) {
        long length = fieldValue(bodyLength);
        boolean big = byteOrder == ByteOrder.BIG_ENDIAN;
        switch (lengthFieldLength) {
            case 1:
                out.writeByte((int) length);
                break;
            case 2:
                if (big) {
                    out.writeShort((int) length);
                } else {
                    out.writeShortLE((int) length);
                }
                break;
            case 3:
                if (big) {
                    out.writeMedium((int) length);
                } else {
                    out.writeMediumLE((int) length);
                }
                break;
            case 4:
                if (big) {
                    out.writeInt((int) length);
                } else {
                    out.writeIntLE((int) length);
                }
                break;
            default:
                if (big) {
                    out.writeLong(length);
                } else {
                    out.writeLongLE(length);
                }
        }
    }
}
