package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses incoming data messages that carry RSV1 (RFC 7692, section 7.2.2): each frame's
 * payload is inflated as it arrives (the {@code 00 00 ff ff} tail appended after the last one) and
 * passed on as a frame with RSV1 clear; uncompressed messages pass unchanged. With
 * {@code noContextTakeover} (the peer restarts its compressor per message) the inflater restarts
 * too; it also restarts after a message that ended its deflate stream (a block with BFINAL set,
 * section 7.2.3.4), ignoring what follows that block in the message (the sender's empty stored block).
 *
 * <p>Bad input, each answered with a close frame (through the encoder before this handler), a
 * {@link WebSocketProtocolException} fired and the channel closed once the close frame is sent;
 * everything after it is dropped:
 * <ul>
 * <li>1002: RSV1 on a continuation frame or on a control frame (RFC 7692, section 6).</li>
 * <li>1009: a message that inflates to more than {@code maxMessageBytes}; no more than
 *     {@code maxMessageBytes + 1} bytes of it are ever inflated, so a small bomb costs little.</li>
 * <li>1007: data that is not valid deflate, or a text message that is not UTF-8 once inflated
 *     (checked incrementally, as the frame decoder does for uncompressed text). Data that cannot be
 *     decompressed fails the connection with 1007, RFC 6455's code for data inconsistent with the
 *     type of its message.</li>
 * </ul>
 *
 * <p>Place right after the frame decoder, before the aggregator. Runs on the channel's event loop;
 * one instance per connection. Ownership: each compressed frame read is released and a frame owning
 * a new buffer goes on. The {@link Inflater}'s native memory is taken at the first compressed message
 * and given back ({@link Inflater#end()}) when the channel goes inactive or the handler is removed.
 */
final class PerMessageDeflateDecoder implements ChannelHandler {
    /** What a sync flush ends with and the sender strips (RFC 7692, section 7.2.2). */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final int maxMessageBytes;
    private final boolean noContextTakeover;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** Created at the first compressed message; null before and after {@link #end()}. */
    private Inflater inflater;
    /** Whether the message in progress (first frame read, last not yet) is compressed. */
    private boolean inflating;
    /** Whether the message in progress is compressed text, to check as UTF-8. */
    private boolean text;
    /** Bytes inflated so far for the message in progress. */
    private long inflatedBytes;
    /** Bad input was met, or the channel is gone: everything is dropped. */
    private boolean failed;

    PerMessageDeflateDecoder(int maxMessageBytes, boolean noContextTakeover) {
        this.maxMessageBytes = maxMessageBytes;
        this.noContextTakeover = noContextTakeover;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            frame.release();
            return;
        }
        boolean rsv1 = (frame.rsv() & WebSocketHandshake.RSV1) != 0;
        WebSocketOpcode opcode = frame.opcode();
        if (rsv1 && (opcode.isControl() || opcode == WebSocketOpcode.CONTINUATION)) {
            frame.release();
            fail(ctx, Violations.protocolError("RSV1: set on a " + opcode + " frame (expected: only on the first"
                    + " frame of a compressed message)"));
            return;
        }
        if (opcode.isControl()) {
            ctx.fireChannelRead(frame);
            return;
        }
        if (opcode != WebSocketOpcode.CONTINUATION) {
            inflating = rsv1;
            text = opcode == WebSocketOpcode.TEXT;
            inflatedBytes = 0;
            utf8.reset();
        }
        if (!inflating) {
            ctx.fireChannelRead(frame);
            return;
        }
        Buffer plain;
        try {
            plain = inflate(ctx, frame.content(), frame.fin());
        } catch (WebSocketProtocolException e) {
            fail(ctx, e);
            return;
        } finally {
            frame.release();
        }
        if (text && (!utf8.feed(plain) || frame.fin() && !utf8.finish())) {
            plain.release();
            fail(ctx, new WebSocketProtocolException(WebSocketCloseStatus.INVALID_PAYLOAD,
                    "text message: invalid UTF-8 once inflated (expected: UTF-8 text)"));
            return;
        }
        if (frame.fin()) {
            inflating = false;
            if (noContextTakeover || inflater.finished()) {
                inflater.reset();
            }
        }
        ctx.fireChannelRead(new WebSocketFrame(opcode, frame.fin(), frame.rsv() & ~WebSocketHandshake.RSV1, plain));
    }

    /** Inflates {@code in} (and the tail when {@code fin}) into a new buffer, within the message's budget. */
    private Buffer inflate(ChannelHandlerContext ctx, Buffer in, boolean fin) {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        int length = in.readableBytes();
        Buffer out = ctx.alloc().buffer((int) Math.min(budget() + 1, Math.max(64L, length * 3L)));
        try {
            if (!inflater.finished()) { // after a block with BFINAL set come only the bits of an empty block
                inflater.setInput(in.nioBuffer());
                inflateInto(out);
            }
            if (fin && !inflater.finished()) {
                inflater.setInput(TAIL);
                inflateInto(out);
            }
            inflatedBytes += out.readableBytes();
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Inflates the input set until it is used up, failing once the message passes its budget. */
    private void inflateInto(Buffer out) {
        long budget = budget();
        try {
            ByteBuffer dst = null; // a view of out's free room, kept while out is not reallocated
            while (true) {
                if (dst == null || !dst.hasRemaining()) {
                    long allowed = budget + 1 - out.readableBytes(); // one byte more than allowed shows the excess
                    if (out.writableBytes() == 0) {
                        out.ensureWritable((int) Math.min(allowed, Math.max(64, out.capacity())));
                    }
                    dst = out.nioBuffer(out.writerIndex(), (int) Math.min(out.writableBytes(), allowed));
                }
                int remaining = inflater.getRemaining();
                int n = inflater.inflate(dst);
                out.writerIndex(out.writerIndex() + n);
                if (out.readableBytes() > budget) {
                    throw new WebSocketProtocolException(WebSocketCloseStatus.MESSAGE_TOO_BIG, "inflated message: more than "
                            + maxMessageBytes + " bytes (expected: at most " + maxMessageBytes + ")");
                }
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        throw corrupt("a preset dictionary");
                    }
                    if (inflater.needsInput() || inflater.finished()) {
                        return;
                    }
                    if (inflater.getRemaining() == remaining) {
                        throw corrupt("no progress with input left");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(String.valueOf(e.getMessage()));
        }
    }

    private long budget() {
        return maxMessageBytes - inflatedBytes;
    }

    private static WebSocketProtocolException corrupt(String why) {
        return new WebSocketProtocolException(WebSocketCloseStatus.INVALID_PAYLOAD, "compressed message: " + why
                + " (expected: valid deflate data, RFC 7692 section 7.2.2)");
    }

    private void fail(ChannelHandlerContext ctx, WebSocketProtocolException e) {
        failed = true;
        end();
        ctx.fireExceptionCaught(Violations.sendClose(ctx, e));
        ctx.channel().closeGracefully();
    }

    /** Whether the inflater holds native memory now (for tests of its release). */
    boolean holdsInflater() {
        return inflater != null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failed = true;
        end();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failed = true;
        end();
    }

    private void end() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
