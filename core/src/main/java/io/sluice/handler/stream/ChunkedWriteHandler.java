package io.sluice.handler.stream;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link ChunkedSource}s as a series of buffers, reading the next chunk only while the
 * channel is writable, so a large file or stream never sits in memory whole. The write's promise
 * completes when the last chunk has been sent (or fails with the first error); the source's
 * {@link ProgressListener} hears after each chunk. A source that throws fails the promise and is
 * closed; the channel stays open (close it from {@code exceptionCaught} or the promise if the
 * protocol cannot recover).
 *
 * <p>Other messages written while a source is being sent wait behind it, so the order of writes
 * is kept; with nothing queued they pass straight through. Chunks are produced on
 * {@code flush}, on writability returning, and on {@link #resumeTransfer()} (for a non-blocking
 * source that had no bytes). When the channel closes, queued sources are closed and queued writes
 * fail with {@link ClosedChannelException}.
 *
 * <p>Thread: one instance per channel; methods run on its executor, except
 * {@link #resumeTransfer()}, which may be called from any thread.
 */
public final class ChunkedWriteHandler implements ChannelHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedWriteHandler.class);

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    /** A queued write: a source being sent in chunks, or a message waiting behind one. */
    private static final class Pending {
        final Object msg;
        final ChannelPromise promise;
        /** Bytes of the source sent (written to the transport) so far. */
        long sentBytes;

        Pending(Object msg, ChannelPromise promise) {
            this.msg = msg;
            this.promise = promise;
        }
    }

    private ChunkedWriteHandler() {}

    /** Returns a new handler for one channel. */
    public static ChunkedWriteHandler create() {
        return new ChunkedWriteHandler();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Produces chunks again, e.g. once a non-blocking source has bytes. From any thread. */
    public void resumeTransfer() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        if (c.executor().inEventLoop()) {
            transfer(c);
        } else {
            c.executor().execute(() -> transfer(c));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (queue.isEmpty() && !(msg instanceof ChunkedSource)) {
            ctx.write(msg, promise);
        } else {
            queue.add(new Pending(msg, promise));
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (queue.isEmpty()) {
            ctx.flush();
        } else {
            transfer(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            transfer(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failQueued(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failQueued(new ClosedChannelException());
    }

    /** Writes queued messages and chunks while the channel is writable, then flushes. */
    private void transfer(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (ctx.channel().isActive()) {
            Pending p = queue.peek();
            if (p == null) {
                break;
            }
            if (!(p.msg instanceof ChunkedSource source)) {
                queue.poll();
                ctx.write(p.msg, p.promise);
                wrote = true;
                continue;
            }
            if (!ctx.channel().isWritable()) {
                break; // read ahead only while the transport takes bytes
            }
            Buffer chunk;
            try {
                chunk = source.readChunk(ctx.alloc());
            } catch (Throwable t) {
                queue.poll();
                closeQuietly(source);
                p.promise.tryFailure(t);
                continue;
            }
            boolean last = source.isEndOfInput();
            if (chunk == null && !last) {
                break; // nothing available now: resumeTransfer() brings us back
            }
            if (last) {
                queue.poll();
            }
            int size = chunk == null ? 0 : chunk.readableBytes();
            ChannelFuture f = ctx.write(chunk == null ? ctx.alloc().buffer(0) : chunk);
            wrote = true;
            f.addListener(done -> chunkSent(p, source, size, last, done.cause()));
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private static void chunkSent(Pending p, ChunkedSource source, int size, boolean last, Throwable cause) {
        if (cause != null) {
            closeQuietly(source);
            p.promise.tryFailure(cause);
            return;
        }
        p.sentBytes += size;
        ProgressListener listener = source.progressListener();
        if (listener != null) {
            try {
                listener.progress(p.sentBytes, source.length());
            } catch (RuntimeException e) {
                LOG.warn("progress listener of a chunked write threw", e);
            }
        }
        if (last) {
            closeQuietly(source);
            p.promise.trySuccess();
        }
    }

    private void failQueued(Throwable cause) {
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p.msg instanceof ChunkedSource source) {
                closeQuietly(source);
            } else {
                ReferenceCounting.safeRelease(p.msg);
            }
            p.promise.tryFailure(cause);
        }
    }

    private static void closeQuietly(ChunkedSource source) {
        try {
            source.close();
        } catch (java.io.IOException e) {
            LOG.debug("closing a chunked source failed", e);
        }
    }
}
