package io.sluice.examples;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;

/**
 * ROT13: sends back every byte it receives with the ASCII letters rotated by 13 places
 * ({@code a-m} and {@code n-z} swap, likewise upper case); every other byte comes back unchanged
 * (port 7013 by default). Applying it twice gives the original text back.
 *
 * <p>ROT13 maps each byte on its own, so the server needs no framing: whatever arrives is
 * answered at once, however TCP splits it. A line-oriented client therefore gets each line back
 * encoded, newline included. {@code --worker-threads N} runs the handler on a worker group, as in
 * {@link EchoServer}; each connection's bytes still come back in order.
 *
 * <p>Try it: {@code nc 127.0.0.1 7013}, then type {@code Hello, World!}.
 */
public final class Rot13Server {

    /** Encodes each buffer and writes it back; flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class Rot13Handler implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Buffer)) {
                ctx.fireChannelRead(msg); // not ours: pass it on, and its ownership with it
                return;
            }
            ctx.write(rot13((Buffer) msg, ctx.alloc())); // the buffer's ownership goes with the write
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken connection is closed; the server carries on
        }
    }

    /**
     * Returns the readable bytes of {@code in} ROT13-encoded, taking over the caller's reference to
     * {@code in}: the caller owns the result and must not touch {@code in} again.
     *
     * <p>If {@code in} may be written and nobody else holds a reference to its memory (a count of
     * 1; a slice shares its parent's count), the bytes are rewritten in place and {@code in} itself
     * is returned: no copy, no allocation, the usual case for what a socket read hands over.
     * Otherwise (a read-only view, or memory others still read) the result is a new buffer from
     * {@code alloc} and {@code in} is released, since this method is its last user.
     */
    static Buffer rot13(Buffer in, BufferAllocator alloc) {
        int from = in.readerIndex();
        int to = in.writerIndex();
        if (!in.isReadOnly() && in.refCnt() == 1) {
            for (int i = from; i < to; i++) {
                in.setByte(i, rot13(in.getByte(i)));
            }
            return in;
        }
        try {
            Buffer out = alloc.buffer(to - from);
            for (int i = from; i < to; i++) {
                out.writeByte(rot13(in.getByte(i)));
            }
            return out;
        } finally {
            in.release();
        }
    }

    /** Rotates an ASCII letter by 13 places; returns any other byte as it is. */
    static int rot13(int b) {
        if (b >= 'a' && b <= 'z') {
            return 'a' + (b - 'a' + 13) % 26;
        }
        if (b >= 'A' && b <= 'Z') {
            return 'A' + (b - 'A' + 13) % 26;
        }
        return b;
    }

    private Rot13Server() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        Rot13Handler rot13 = new Rot13Handler();
        return RunningServer.start(options, 7013, (pipeline, workers) -> pipeline.addLast(workers, "rot13", rot13));
    }
}
