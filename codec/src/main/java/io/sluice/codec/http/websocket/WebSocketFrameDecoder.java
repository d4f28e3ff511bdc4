package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Decodes WebSocket frames (RFC 6455, section 5) into {@link WebSocketFrame}s, unmasked, one per
 * frame (fragments stay fragments; add a {@link WebSocketMessageAggregator} for whole messages).
 *
 * <p>Rules enforced, each checked as soon as the bytes that break it arrive (on the header, before a
 * payload is buffered):
 * <ul>
 * <li>1002 protocol error: a reserved opcode; an RSV bit no extension negotiated; a frame masked
 *     when it must not be or unmasked when it must (a server requires masked frames from clients, a
 *     client refuses masked frames); a control frame fragmented or over 125 bytes; a length not in
 *     its shortest form or with the top bit set; a continuation with no message to continue, or a new
 *     message inside a fragmented one; a close frame of 1 byte or with a code that may not be sent.</li>
 * <li>1009 too big: a frame whose payload exceeds {@code maxFramePayloadBytes} (64 KiB by default).</li>
 * <li>1007 invalid payload: a text message (uncompressed: RSV1 clear) that is not UTF-8, checked
 *     incrementally across fragments; a close reason that is not UTF-8.</li>
 * </ul>
 * On a violation the decoder sends a close frame with the status (through the encoder, which must
 * sit before it in the pipeline), then fails with a {@link WebSocketProtocolException}: the base
 * class releases what it holds, fires the exception and closes the channel once the close frame is
 * sent. After a close frame is received, further input is dropped.
 *
 * <p>Buffers: an unmasked payload is a slice of the input (no copy); a masked one is unmasked into
 * a new buffer eight bytes at a time. The emitted frame owns its content. Runs on the channel's event
 * loop; one instance per connection.
 */
public final class WebSocketFrameDecoder extends ByteToMessageDecoder {
    /** Default largest frame payload, in bytes: 64 KiB. */
    public static final int DEFAULT_MAX_FRAME_PAYLOAD = 64 * 1024;

    /** Whether frames must be masked (a server's decoder) or must not be (a client's). */
    private final boolean expectMasked;
    /** Largest payload of one frame, in bytes. */
    private final int maxFramePayloadBytes;
    /** RSV bits that negotiated extensions use (RSV1 = 4); others are a protocol error. */
    private final int allowedRsv;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** The fragmented message in progress: its first opcode, or null between messages. */
    private WebSocketOpcode fragmented;
    /** Whether the message in progress is text to validate. */
    private boolean validatingText;
    /** A close frame arrived: nothing after it is read. */
    private boolean closeReceived;

    private WebSocketFrameDecoder(boolean expectMasked, int maxFramePayloadBytes, int allowedRsv) {
        if (maxFramePayloadBytes < 0) {
            throw new IllegalArgumentException("maxFramePayloadBytes: " + maxFramePayloadBytes + " (expected: >= 0)");
        }
        if ((allowedRsv & ~7) != 0) {
            throw new IllegalArgumentException("allowedRsv: " + allowedRsv + " (expected: 0 to 7)");
        }
        this.expectMasked = expectMasked;
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.allowedRsv = allowedRsv;
        coverFrameLimit(maxFramePayloadBytes + 14L);
    }

    /** A server's decoder: masked frames only, payloads up to {@code maxFramePayloadBytes}, no extension. */
    public static WebSocketFrameDecoder forServer(int maxFramePayloadBytes) {
        return new WebSocketFrameDecoder(true, maxFramePayloadBytes, 0);
    }

    /** A client's decoder: unmasked frames only, payloads up to {@code maxFramePayloadBytes}, no extension. */
    public static WebSocketFrameDecoder forClient(int maxFramePayloadBytes) {
        return new WebSocketFrameDecoder(false, maxFramePayloadBytes, 0);
    }

    /**
     * A decoder with every choice explicit.
     *
     * @param expectMasked true for a server (clients must mask), false for a client
     * @param maxFramePayloadBytes the largest payload of one frame
     * @param allowedRsv the RSV bits negotiated extensions use (RSV1 = 4, RSV2 = 2, RSV3 = 1)
     */
    public static WebSocketFrameDecoder create(boolean expectMasked, int maxFramePayloadBytes, int allowedRsv) {
        return new WebSocketFrameDecoder(expectMasked, maxFramePayloadBytes, allowedRsv);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        if (closeReceived) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int r = in.readerIndex();
        int available = in.readableBytes();
        if (available < 2) {
            return;
        }
        int b0 = in.getUnsignedByte(r);
        int b1 = in.getUnsignedByte(r + 1);
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >> 4) & 7;
        WebSocketOpcode opcode = WebSocketOpcode.of(b0 & 0x0F);
        boolean masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7F;
        checkHeader(ctx, opcode, b0 & 0x0F, fin, rsv, masked, length7);
        int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (available < headerLength) {
            return;
        }
        long length = length7 == 126 ? in.getUnsignedShort(r + 2) : length7 == 127 ? in.getLong(r + 2) : length7;
        checkLength(ctx, length7, length);
        if (available - headerLength < length) {
            return;
        }
        int payloadLength = (int) length;
        Buffer payload;
        if (masked) {
            payload = unmask(ctx, in, r + headerLength, payloadLength, in.getInt(r + headerLength - 4));
            in.skipBytes(headerLength + payloadLength);
        } else {
            in.skipBytes(headerLength);
            payload = readFrame(in, payloadLength);
        }
        try {
            checkPayload(ctx, opcode, fin, rsv, payload);
        } catch (Throwable t) {
            payload.release();
            throw t;
        }
        out.add(new WebSocketFrame(opcode, fin, rsv, payload));
    }

    private void checkHeader(ChannelHandlerContext ctx, WebSocketOpcode opcode, int code, boolean fin, int rsv,
            boolean masked, int length7) {
        if (opcode == null) {
            throw fail(ctx, Violations.protocolError("opcode: 0x" + Integer.toHexString(code)
                    + " (expected: 0x0-0x2 or 0x8-0xA; the others are reserved)"));
        }
        if ((rsv & ~allowedRsv) != 0) {
            throw fail(ctx, Violations.protocolError("reserved bits: " + rsv + " (expected: " + allowedRsv
                    + " at most, set only by a negotiated extension)"));
        }
        if (masked != expectMasked) {
            throw fail(ctx, Violations.protocolError("mask: " + (masked ? "set" : "clear") + " (expected: "
                    + (expectMasked ? "every client frame masked" : "no server frame masked") + ")"));
        }
        if (opcode.isControl()) {
            if (!fin) {
                throw fail(ctx, Violations.protocolError(opcode + " fin: false (expected: control frames unfragmented)"));
            }
            if (length7 > WebSocketFrame.MAX_CONTROL_PAYLOAD) {
                throw fail(ctx, Violations.protocolError(opcode + " payload: more than 125 bytes (expected: at most "
                        + WebSocketFrame.MAX_CONTROL_PAYLOAD + ")"));
            }
        } else if (opcode == WebSocketOpcode.CONTINUATION) {
            if (fragmented == null) {
                throw fail(ctx, Violations.protocolError("CONTINUATION: no fragmented message (expected: TEXT or"
                        + " BINARY first)"));
            }
        } else if (fragmented != null) {
            throw fail(ctx, Violations.protocolError(opcode + ": inside a fragmented " + fragmented
                    + " message (expected: CONTINUATION)"));
        }
    }

    private void checkLength(ChannelHandlerContext ctx, int length7, long length) {
        if (length < 0) {
            throw fail(ctx, Violations.protocolError("payload length: top bit set (expected: at most 2^63 - 1)"));
        }
        if (length7 == 126 && length < 126 || length7 == 127 && length <= 0xFFFF) {
            throw fail(ctx, Violations.protocolError("payload length: " + length + " in " + (length7 == 126 ? 2 : 8)
                    + " bytes (expected: the shortest form)"));
        }
        if (length > maxFramePayloadBytes) {
            throw fail(ctx, new WebSocketProtocolException(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame payload: "
                    + length + " bytes (expected: at most " + maxFramePayloadBytes + ")"));
        }
    }

    private void checkPayload(ChannelHandlerContext ctx, WebSocketOpcode opcode, boolean fin, int rsv, Buffer payload) {
        if (opcode == WebSocketOpcode.CLOSE) {
            checkClose(ctx, payload);
            closeReceived = true;
            return;
        }
        if (opcode.isControl()) {
            return;
        }
        if (opcode != WebSocketOpcode.CONTINUATION) {
            validatingText = opcode == WebSocketOpcode.TEXT && (rsv & 4) == 0; // RSV1: compressed, checked later
            fragmented = fin ? null : opcode;
        } else if (fin) {
            fragmented = null;
        }
        if (validatingText && (!utf8.feed(payload) || fin && !utf8.finish())) {
            utf8.reset();
            throw fail(ctx, new WebSocketProtocolException(WebSocketCloseStatus.INVALID_PAYLOAD,
                    "text message: invalid UTF-8 (expected: UTF-8 text)"));
        }
    }

    private void checkClose(ChannelHandlerContext ctx, Buffer payload) {
        int length = payload.readableBytes();
        if (length == 0) {
            return;
        }
        if (length == 1) {
            throw fail(ctx, Violations.protocolError("close payload: 1 byte (expected: none, or a 2-byte code"
                    + " and a reason)"));
        }
        int code = payload.getUnsignedShort(payload.readerIndex());
        if (!WebSocketCloseStatus.isSendable(code)) {
            throw fail(ctx, Violations.protocolError("close code: " + code
                    + " (expected: 1000-1003, 1007-1014 or 3000-4999)"));
        }
        Utf8Validator reason = new Utf8Validator(); // close frames are rare: no need to share one
        if (!reason.feed(payload.slice(payload.readerIndex() + 2, length - 2)) || !reason.finish()) {
            throw fail(ctx, new WebSocketProtocolException(WebSocketCloseStatus.INVALID_PAYLOAD,
                    "close reason: invalid UTF-8 (expected: UTF-8 text)"));
        }
    }

    private static WebSocketProtocolException fail(ChannelHandlerContext ctx, WebSocketProtocolException e) {
        return Violations.sendClose(ctx, e);
    }

    /** Copies {@code length} bytes at {@code index} into a new buffer, undoing the 4-byte {@code mask}. */
    private static Buffer unmask(ChannelHandlerContext ctx, Buffer in, int index, int length, int mask) {
        Buffer out = ctx.alloc().buffer(length);
        Masking.xor(in, index, length, mask, out);
        return out;
    }
}
