package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.EncoderException;
import io.sluice.codec.MessageToByteEncoder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Encodes {@link WebSocketFrame}s (RFC 6455, section 5.2): header with the shortest length form,
 * then the payload, into one buffer. A client's encoder masks every frame with a fresh random key
 * (from {@link ThreadLocalRandom}: masking guards proxies against crafted bytes, it is not
 * encryption); a server's never masks.
 *
 * <p>A control frame with more than 125 bytes of payload fails its write with an
 * {@link EncoderException}; the frame is released either way. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class WebSocketFrameEncoder extends MessageToByteEncoder<WebSocketFrame> {
    private static final WebSocketFrameEncoder SERVER = new WebSocketFrameEncoder(false);
    private static final WebSocketFrameEncoder CLIENT = new WebSocketFrameEncoder(true);

    /** Whether every frame is masked (a client). */
    private final boolean mask;

    private WebSocketFrameEncoder(boolean mask) {
        super(WebSocketFrame.class);
        this.mask = mask;
    }

    /** Returns the server's encoder: frames unmasked. */
    public static WebSocketFrameEncoder forServer() {
        return SERVER;
    }

    /** Returns the client's encoder: every frame masked with a random key. */
    public static WebSocketFrameEncoder forClient() {
        return CLIENT;
    }

    @Override
    protected int sizeHint(WebSocketFrame frame) {
        return 14 + frame.content().readableBytes();
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, Buffer out) {
        Buffer content = frame.content();
        int length = content.readableBytes();
        WebSocketOpcode opcode = frame.opcode();
        if (opcode.isControl() && length > WebSocketFrame.MAX_CONTROL_PAYLOAD) {
            throw new EncoderException(opcode + " payload: " + length + " bytes (expected: at most "
                    + WebSocketFrame.MAX_CONTROL_PAYLOAD + ")");
        }
        out.writeByte((frame.fin() ? 0x80 : 0) | frame.rsv() << 4 | opcode.code());
        int maskBit = mask ? 0x80 : 0;
        if (length <= 125) {
            out.writeByte(maskBit | length);
        } else if (length <= 0xFFFF) {
            out.writeByte(maskBit | 126).writeShort(length);
        } else {
            out.writeByte(maskBit | 127).writeLong(length);
        }
        if (mask) {
            int key = ThreadLocalRandom.current().nextInt();
            out.writeInt(key);
            Masking.xor(content, content.readerIndex(), length, key, out);
        } else {
            out.writeBytes(content, content.readerIndex(), length);
        }
    }
}
