package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.codec.EncoderException;
import java.util.zip.Deflater;

/**
 * Compresses outgoing data messages (RFC 7692, section 7.2.1): each frame's payload goes through one
 * raw-deflate stream with a sync flush, the first frame of a compressed message gets RSV1, and the
 * last frame loses the {@code 00 00 ff ff} a sync flush ends with. With {@code noContextTakeover}
 * the stream restarts after every message; otherwise later messages may refer to earlier ones.
 *
 * <p>Not compressed: control frames (never, RFC 7692 section 6.1); a whole message under
 * {@code minMessageBytes}; a message whose first frame already has an RSV bit set (the application
 * did its own encoding), with its continuations. Fragments of one message must not interleave with
 * another message, as RFC 6455 requires anyway.
 *
 * <p>Place between the frame encoder and the frame decoder. Runs on the channel's event loop; one
 * instance per connection. Ownership: the frame written is released once compressed and the
 * compressed frame, owning a new buffer, goes on; a frame that fails to compress fails its promise
 * and is released. The {@link Deflater}'s native memory is taken at the first compressed message and
 * given back ({@link Deflater#end()}) when the channel goes inactive or the handler is removed;
 * frames written after that go on uncompressed (to the closed channel, which fails them).
 */
final class PerMessageDeflateEncoder implements ChannelHandler {
    private final int level;
    private final int minMessageBytes;
    private final boolean noContextTakeover;
    /** Created at the first compressed message; null before and after {@link #end()}. */
    private Deflater deflater;
    /** The channel is gone: compress nothing more. */
    private boolean ended;
    /** Whether the message being written (its first frame seen, not its last) is compressed. */
    private boolean compressing;

    PerMessageDeflateEncoder(int level, int minMessageBytes, boolean noContextTakeover) {
        this.level = level;
        this.minMessageBytes = minMessageBytes;
        this.noContextTakeover = noContextTakeover;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof WebSocketFrame frame) || !frame.isData() || ended) {
            ctx.write(msg, promise);
            return;
        }
        boolean first = frame.opcode() != WebSocketOpcode.CONTINUATION;
        if (first) {
            compressing = frame.rsv() == 0 && (!frame.fin() || frame.content().readableBytes() >= minMessageBytes);
        }
        if (!compressing) {
            ctx.write(msg, promise);
            return;
        }
        Buffer compressed;
        try {
            compressed = compress(ctx, frame.content(), frame.fin());
        } catch (RuntimeException e) {
            frame.release();
            promise.tryFailure(new EncoderException("permessage-deflate: " + e, e));
            return;
        }
        frame.release();
        int rsv = first ? frame.rsv() | WebSocketHandshake.RSV1 : frame.rsv();
        ctx.write(new WebSocketFrame(frame.opcode(), frame.fin(), rsv, compressed), promise);
    }

    /** Deflates {@code in} with a sync flush into a new buffer, without the 4-byte tail when {@code fin}. */
    private Buffer compress(ChannelHandlerContext ctx, Buffer in, boolean fin) {
        if (deflater == null) {
            deflater = new Deflater(level, true);
        }
        int length = in.readableBytes();
        Buffer out = ctx.alloc().buffer(Math.max(64, length / 2 + 16));
        try {
            deflater.setInput(in.nioBuffer());
            while (true) {
                if (out.writableBytes() < 8) {
                    out.ensureWritable(Math.max(64, out.capacity()));
                }
                int room = out.writableBytes();
                int n = deflater.deflate(out.nioBuffer(out.writerIndex(), room), Deflater.SYNC_FLUSH);
                out.writerIndex(out.writerIndex() + n);
                if (n < room) { // room left over: everything is flushed (Deflater#deflate)
                    break;
                }
            }
            if (fin) {
                int w = out.writerIndex();
                if (w >= 4 && out.getInt(w - 4) == 0x0000FFFF) { // always so after a sync flush
                    out.writerIndex(w - 4);
                }
                if (noContextTakeover) {
                    deflater.reset();
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Whether the deflater holds native memory now (for tests of its release). */
    boolean holdsDeflater() {
        return deflater != null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end();
    }

    private void end() {
        ended = true;
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
