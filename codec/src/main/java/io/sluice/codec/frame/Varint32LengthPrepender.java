package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;

/**
 * Writes each outbound buffer behind its length as a base-128 varint (protobuf's delimited
 * format): the encoder for {@link Varint32FrameDecoder}. Sharable.
 */
@ChannelHandler.Sharable
public class Varint32LengthPrepender extends LengthPrepender {

    /** Creates the prepender. */
    public Varint32LengthPrepender() {}

    @Override
    int headerLength(int bodyLength) {
        return varintSize(bodyLength);
    }

    /** Returns how many bytes the varint encoding of {@code value} (not negative) takes: 1 to 5. */
    static int varintSize(int value) {
        int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    @Override
    void writeHeader(Buffer out, int bodyLength) {
        int value = bodyLength;
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }
}
