package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import io.sluice.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One WebSocket frame (RFC 6455, section 5), unmasked: the decoder removes the mask, the encoder
 * adds one where the endpoint must. Owns {@code content} (see {@link BufferHolder}): releasing the
 * frame releases the bytes, and writing it passes ownership to the channel.
 *
 * @param opcode what the frame carries
 * @param fin whether this is the last fragment of its message (always true for control frames)
 * @param rsv the three reserved bits (RSV1 is 4, RSV2 is 2, RSV3 is 1), 0 unless an extension uses them
 * @param content the payload
 */
public record WebSocketFrame(WebSocketOpcode opcode, boolean fin, int rsv, Buffer content) implements BufferHolder {
    /** Largest payload of a control frame, in bytes. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    /**
     * Checks the frame's shape.
     *
     * @throws IllegalArgumentException if a control frame is fragmented or {@code rsv} is not 3 bits
     */
    public WebSocketFrame {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(content, "content");
        if ((rsv & ~7) != 0) {
            throw new IllegalArgumentException("rsv: " + rsv + " (expected: 0 to 7)");
        }
        if (opcode.isControl() && !fin) {
            throw new IllegalArgumentException("fin: false for " + opcode + " (expected: control frames unfragmented)");
        }
    }

    /** Returns a whole text message of {@code text}, encoded as UTF-8 into a new heap buffer. */
    public static WebSocketFrame text(String text) {
        return new WebSocketFrame(WebSocketOpcode.TEXT, true, 0, Buffers.copyOf(text, StandardCharsets.UTF_8));
    }

    /** Returns a whole text message of {@code utf8} (which it owns; the encoder does not check it). */
    public static WebSocketFrame text(Buffer utf8) {
        return new WebSocketFrame(WebSocketOpcode.TEXT, true, 0, utf8);
    }

    /** Returns a whole binary message of {@code content} (which it owns). */
    public static WebSocketFrame binary(Buffer content) {
        return new WebSocketFrame(WebSocketOpcode.BINARY, true, 0, content);
    }

    /** Returns a ping carrying {@code content} (which it owns; at most 125 bytes). */
    public static WebSocketFrame ping(Buffer content) {
        return new WebSocketFrame(WebSocketOpcode.PING, true, 0, content);
    }

    /** Returns a pong carrying {@code content} (which it owns; at most 125 bytes). */
    public static WebSocketFrame pong(Buffer content) {
        return new WebSocketFrame(WebSocketOpcode.PONG, true, 0, content);
    }

    /** Returns a close frame with {@code status} (code, then the reason as UTF-8). */
    public static WebSocketFrame close(WebSocketCloseStatus status) {
        byte[] reason = status.reason().getBytes(StandardCharsets.UTF_8);
        if (reason.length > MAX_CONTROL_PAYLOAD - 2) {
            throw new IllegalArgumentException("close reason: " + reason.length + " bytes (expected: at most "
                    + (MAX_CONTROL_PAYLOAD - 2) + ")");
        }
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (status.code() >>> 8);
        payload[1] = (byte) status.code();
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return new WebSocketFrame(WebSocketOpcode.CLOSE, true, 0, Buffers.wrap(payload));
    }

    /** Returns a close frame without a status (the peer sees 1005, no status received). */
    public static WebSocketFrame closeWithoutStatus() {
        return new WebSocketFrame(WebSocketOpcode.CLOSE, true, 0, Buffers.copyOf(new byte[0]));
    }

    /** Returns whether this is a text, binary or continuation frame. */
    public boolean isData() {
        return !opcode.isControl();
    }

    /** Returns the content decoded as UTF-8 (for text frames), without consuming it. */
    public String text() {
        return content.toString(StandardCharsets.UTF_8);
    }

    /**
     * Returns the status of a close frame, or null when it carries none. The decoder has checked the
     * code and the reason of a received frame.
     *
     * @throws IllegalStateException if this is not a close frame
     */
    public WebSocketCloseStatus closeStatus() {
        if (opcode != WebSocketOpcode.CLOSE) {
            throw new IllegalStateException("opcode: " + opcode + " (expected: CLOSE)");
        }
        int r = content.readerIndex();
        if (content.readableBytes() < 2) {
            return null;
        }
        return new WebSocketCloseStatus(content.getUnsignedShort(r),
                content.toString(r + 2, content.readableBytes() - 2, StandardCharsets.UTF_8));
    }
}
