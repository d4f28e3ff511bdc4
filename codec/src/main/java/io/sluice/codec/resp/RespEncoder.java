package io.sluice.codec.resp;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.EncoderException;
import io.sluice.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link RespMessage}s (any RESP2 or RESP3 type) as bytes; other messages pass through.
 * The caller picks the types its peer understands: a RESP2 peer gets no RESP3 type from here
 * unless it was written.
 *
 * <p>Ownership: the message is released once written (its bulk bytes are copied into the
 * outgoing buffer). A simple string or error holding CR or LF would break the framing: the write
 * fails with an {@link EncoderException} ({@code simple string: CR or LF at index 3 (expected: none)})
 * and nothing is sent. Stateless and {@link ChannelHandler.Sharable}; thread: the channel's.
 */
@ChannelHandler.Sharable
public final class RespEncoder extends MessageToByteEncoder<RespMessage> {
    private static final byte[] CRLF = {'\r', '\n'};

    private RespEncoder() {
        super(RespMessage.class);
    }

    /** Returns an encoder; one instance may serve every channel. */
    public static RespEncoder create() {
        return new RespEncoder();
    }

    @Override
    protected int sizeHint(RespMessage msg) {
        return estimate(msg, 2);
    }

    /** Bytes {@code msg} takes, estimated down to {@code levels} levels of nesting. */
    private static int estimate(RespMessage msg, int levels) {
        if (msg instanceof BulkString bulk) {
            return bulk.length() + 16;
        }
        if (msg instanceof RespAggregate aggregate) {
            if (levels == 0) {
                return 16 * aggregate.size() + 16;
            }
            long sum = 16;
            for (RespMessage child : aggregate.children()) {
                sum += estimate(child, levels - 1);
            }
            return (int) Math.min(sum, 1 << 20);
        }
        if (msg instanceof SimpleString simple) {
            return simple.text().length() + 3;
        }
        if (msg instanceof RespError error) {
            return error.text().length() + 3;
        }
        return 32;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RespMessage msg, Buffer out) {
        write(msg, out);
    }

    /**
     * Writes {@code msg} to {@code out} without releasing it; for code that builds its own buffers.
     *
     * @throws EncoderException if a simple string or error holds CR or LF
     */
    public static void write(RespMessage msg, Buffer out) {
        switch (msg.type()) {
            case SIMPLE_STRING -> line(out, RespType.SIMPLE_STRING, ((SimpleString) msg).text());
            case ERROR -> line(out, RespType.ERROR, ((RespError) msg).text());
            case INTEGER -> {
                out.writeByte(':');
                RespNumbers.writeLong(out, ((RespInteger) msg).value());
                out.writeBytes(CRLF);
            }
            case BULK_STRING, BLOB_ERROR, VERBATIM_STRING -> {
                BulkString bulk = (BulkString) msg;
                Buffer content = bulk.content();
                int length = content.readableBytes();
                out.writeByte(bulk.type().typeByte());
                RespNumbers.writeLong(out, length);
                out.writeBytes(CRLF);
                out.writeBytes(content, content.readerIndex(), length);
                out.writeBytes(CRLF);
            }
            case NULL -> out.writeBytes(switch ((RespNull) msg) {
                case BULK_STRING -> Fixed.BULK_STRING;
                case ARRAY -> Fixed.ARRAY;
                case NULL -> Fixed.NULL;
            });
            case DOUBLE -> {
                double value = ((RespDouble) msg).value();
                out.writeByte(',');
                String text = Double.isNaN(value) ? "nan" : Double.isInfinite(value) ? (value > 0 ? "inf" : "-inf")
                        : Double.toString(value);
                out.writeCharSequence(text, StandardCharsets.US_ASCII);
                out.writeBytes(CRLF);
            }
            case BOOLEAN -> out.writeBytes(((RespBoolean) msg).value() ? Fixed.TRUE : Fixed.FALSE);
            case BIG_NUMBER -> {
                out.writeByte('(');
                out.writeCharSequence(((RespBigNumber) msg).value().toString(), StandardCharsets.US_ASCII);
                out.writeBytes(CRLF);
            }
            case ARRAY, SET, PUSH, MAP, ATTRIBUTE -> {
                RespAggregate aggregate = (RespAggregate) msg;
                int size = aggregate.size();
                boolean pairs = aggregate.type() == RespType.MAP || aggregate.type() == RespType.ATTRIBUTE;
                out.writeByte(aggregate.type().typeByte());
                RespNumbers.writeLong(out, pairs ? size / 2 : size);
                out.writeBytes(CRLF);
                for (int i = 0; i < size; i++) {
                    write(aggregate.get(i), out);
                }
            }
        }
    }

    private static void line(Buffer out, RespType type, String text) {
        int cr = text.indexOf('\r');
        int lf = text.indexOf('\n');
        if (cr >= 0 || lf >= 0) {
            int at = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
            throw new EncoderException(type.label() + ": CR or LF at index " + at + " (expected: none, it would end the line)");
        }
        out.writeByte(type.typeByte());
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** The fixed encodings. */
    private static final class Fixed {
        static final byte[] BULK_STRING = {'$', '-', '1', '\r', '\n'};
        static final byte[] ARRAY = {'*', '-', '1', '\r', '\n'};
        static final byte[] NULL = {'_', '\r', '\n'};
        static final byte[] TRUE = {'#', 't', '\r', '\n'};
        static final byte[] FALSE = {'#', 'f', '\r', '\n'};
    }
}
