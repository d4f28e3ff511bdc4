package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageCodec;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.TooLongFrameException;
import java.util.List;

/**
 * The key-value protocol's codec, written by hand: {@link #decode} turns bytes into
 * {@link KvMessage}s and {@link #encode} turns them back. Both sides of the connection use it.
 * docs/custom-codecs.md walks through it line by line.
 */
public final class KvCodec extends ByteToMessageCodec<KvMessage> {
    /** The largest frame accepted, after the length field: a 64 KiB key plus a 1 MiB value. */
    public static final int MAX_FRAME = 3 + 0xFFFF + (1 << 20);
    private static final int LENGTH_FIELD = 4;
    private static final int FIXED_PART = 3; // type + keyLen

    public KvCodec() {
        super(KvMessage.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        // 1. Wait for the header, then check it before waiting for the body: a peer announcing a
        //    huge frame is refused now, not after we buffered it.
        if (in.readableBytes() < LENGTH_FIELD) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex()); // peek: nothing is consumed yet
        if (length > MAX_FRAME) {
            throw new TooLongFrameException("KvCodec: frame length " + length + " exceeds MAX_FRAME " + MAX_FRAME);
        }
        if (length < FIXED_PART) {
            throw new CorruptedFrameException("KvCodec: frame length " + length + " is shorter than the "
                    + FIXED_PART + "-byte type and key length");
        }
        // 2. Wait until the whole frame is here. Returning without reading means "call me again
        //    when more bytes arrive"; the base class keeps what we have.
        if (in.readableBytes() < LENGTH_FIELD + length) {
            return;
        }
        // 3. Consume exactly one frame and emit one message.
        in.skipBytes(LENGTH_FIELD);
        int code = in.readUnsignedByte();
        KvMessage.Type type = KvMessage.Type.of(code);
        if (type == null) {
            throw new CorruptedFrameException("KvCodec: unknown message type " + code);
        }
        int keyLength = in.readUnsignedShort();
        int valueLength = (int) length - FIXED_PART - keyLength;
        if (valueLength < 0) {
            throw new CorruptedFrameException("KvCodec: key length " + keyLength + " overruns the frame length "
                    + length);
        }
        String key = in.readCharSequence(keyLength, UTF_8);
        byte[] value = new byte[valueLength];
        in.readBytes(value);
        out.add(new KvMessage(type, key, value));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, KvMessage msg, Buffer out) {
        byte[] key = msg.key().getBytes(UTF_8);
        if (key.length > 0xFFFF) {
            throw new IllegalArgumentException("key of " + key.length + " bytes exceeds 65535");
        }
        if (FIXED_PART + key.length + msg.value().length > MAX_FRAME) {
            throw new IllegalArgumentException("value of " + msg.value().length + " bytes makes the frame exceed"
                    + " MAX_FRAME " + MAX_FRAME);
        }
        out.writeInt(FIXED_PART + key.length + msg.value().length)
                .writeByte(msg.type().code())
                .writeShort(key.length)
                .writeBytes(key)
                .writeBytes(msg.value());
    }

    @Override
    protected int sizeHint(KvMessage msg) {
        // exact for ASCII keys, so the buffer never grows
        return LENGTH_FIELD + FIXED_PART + msg.key().length() + msg.value().length;
    }
}
