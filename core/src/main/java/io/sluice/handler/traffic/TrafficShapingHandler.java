package io.sluice.handler.traffic;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.FileRegion;
import io.sluice.channel.WriteBufferWaterMark;
import io.sluice.channel.spi.IoChannel;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Limits one channel's read and write rates in bytes per second, alone
 * ({@link #create(RateLimit, RateLimit)}) or as a member of a {@link TrafficShapingGroup}.
 *
 * <p>Reads: every buffer read is passed on at once and taken from the read bucket; when the bucket
 * is in debt, reading is suspended (auto-read turned off, a {@code read()} request held) until the
 * debt is paid, then resumed. The handler turns auto-read back on only if it turned it off.
 *
 * <p>Writes: a write within the bucket's burst goes straight on. Otherwise it is queued with its
 * promise and released when the bucket allows, in order; a {@code flush} is held with the writes
 * before it. Queued bytes count against writability: above the channel's high watermark the
 * handler clears user-defined writability bit {@value #WRITABILITY_BIT}, below the low watermark
 * it sets it again. On close, queued writes fail with {@link ClosedChannelException} and their
 * messages are released; when the handler is removed they are passed on at once.
 *
 * <p>Thread: one instance per channel, on its executor. Messages other than {@link Buffer} and
 * {@link FileRegion} count as 0 bytes. No allocation per message unless a write must wait.
 */
public final class TrafficShapingHandler implements ChannelHandler {
    /** The user-defined writability bit this handler clears while its queue is over the high watermark. */
    public static final int WRITABILITY_BIT = 1;

    private final RateLimit ownReadLimit;
    private final RateLimit ownWriteLimit;
    private final TrafficShapingGroup group;
    private final TrafficCounters counters = new TrafficCounters();
    private final Runnable resumeReading = this::resumeReading;
    private final Runnable releaseWrites = this::releaseWrites;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private TokenBucket ownRead;
    private TokenBucket ownWrite;
    private boolean readPaused;
    private boolean autoReadTurnedOff;
    private boolean readRequestedWhilePaused;
    private long readPausedAtNanos;
    private long queuedBytes;
    private boolean releaseScheduled;
    private boolean unwritable;
    private long writeHeldSinceNanos;
    /** Sequence number of the last queued write. */
    private long lastSeq;
    /** Held writes up to this sequence number were flushed by the application. */
    private long flushedSeq;

    /** A write waiting for the bucket. */
    private static final class Pending {
        final Object msg;
        final ChannelPromise promise;
        final long bytes;
        final long sendAtNanos;
        /** Position in the order of writes, to tell whether a flush came after it. */
        final long seq;

        Pending(Object msg, ChannelPromise promise, long bytes, long sendAtNanos, long seq) {
            this.msg = msg;
            this.promise = promise;
            this.bytes = bytes;
            this.sendAtNanos = sendAtNanos;
            this.seq = seq;
        }
    }

    TrafficShapingHandler(RateLimit ownReadLimit, RateLimit ownWriteLimit, TrafficShapingGroup group) {
        this.ownReadLimit = ownReadLimit;
        this.ownWriteLimit = ownWriteLimit;
        this.group = group;
    }

    /**
     * Returns a handler limiting one channel's reads and writes ({@code null}: that direction is
     * not limited).
     */
    public static TrafficShapingHandler create(RateLimit readLimit, RateLimit writeLimit) {
        return new TrafficShapingHandler(readLimit, writeLimit, null);
    }

    /** Returns this channel's totals. */
    public TrafficCounters counters() {
        return counters;
    }

    /** Returns the bytes of writes waiting for the bucket. */
    public long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ownReadLimit != null) {
            ownRead = TokenBucket.create(ownReadLimit, ctx.executor().ticker());
        }
        if (ownWriteLimit != null) {
            ownWrite = TokenBucket.create(ownWriteLimit, ctx.executor().ticker());
        }
    }

    private static long sizeOf(Object msg) {
        if (msg instanceof Buffer buf) {
            return buf.readableBytes();
        }
        if (msg instanceof FileRegion region) {
            return region.count() - region.transferred();
        }
        return 0;
    }

    /** Takes {@code bytes} from the own and the group bucket. @return nanoseconds to wait, the longer of the two */
    private static long take(TokenBucket own, TokenBucket shared, long bytes) {
        long wait = own == null ? 0 : own.take(bytes, own.ticker().nanoTime());
        if (shared != null) {
            wait = Math.max(wait, shared.take(bytes, shared.ticker().nanoTime()));
        }
        return wait;
    }

    private static long waitNanos(TokenBucket own, TokenBucket shared) {
        long wait = own == null ? 0 : own.waitNanos(own.ticker().nanoTime());
        return shared == null ? wait : Math.max(wait, shared.waitNanos(shared.ticker().nanoTime()));
    }

    private TokenBucket groupRead() {
        return group == null ? null : group.readBucket();
    }

    private TokenBucket groupWrite() {
        return group == null ? null : group.writeBucket();
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    // ---- reads --------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long bytes = sizeOf(msg);
        if (bytes > 0) {
            counters.read(bytes);
            if (group != null) {
                group.counters().read(bytes);
            }
            if (ownRead != null || groupRead() != null) {
                long wait = take(ownRead, groupRead(), bytes);
                if (wait > 0 && !readPaused) {
                    pauseReading(wait);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void pauseReading(long waitNanos) {
        readPaused = true;
        readPausedAtNanos = now();
        if (ctx.channel().config().isAutoRead()) {
            autoReadTurnedOff = true;
            ctx.channel().config().autoRead(false);
        }
        ctx.executor().schedule(resumeReading, waitNanos, TimeUnit.NANOSECONDS);
    }

    private void resumeReading() {
        if (!readPaused) {
            return;
        }
        long wait = waitNanos(ownRead, groupRead()); // a group's other channels may have added debt
        if (wait > 0 && ctx.channel().isOpen()) {
            ctx.executor().schedule(resumeReading, wait, TimeUnit.NANOSECONDS);
            return;
        }
        readPaused = false;
        long paused = now() - readPausedAtNanos;
        counters.readThrottled(paused);
        if (group != null) {
            group.counters().readThrottled(paused);
        }
        if (autoReadTurnedOff) {
            autoReadTurnedOff = false;
            ctx.channel().config().autoRead(true);
        }
        if (readRequestedWhilePaused) {
            readRequestedWhilePaused = false;
            ctx.read();
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (readPaused) {
            readRequestedWhilePaused = true;
        } else {
            ctx.read();
        }
    }

    // ---- writes -------------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long bytes = sizeOf(msg);
        long wait = bytes == 0 || ownWrite == null && groupWrite() == null ? 0 : take(ownWrite, groupWrite(), bytes);
        if (wait == 0 && queue.isEmpty()) {
            passOn(msg, promise, bytes);
            return;
        }
        long now = now();
        if (queue.isEmpty()) {
            writeHeldSinceNanos = now;
        }
        queue.add(new Pending(msg, promise, bytes, now + wait, ++lastSeq));
        queuedBytes += bytes;
        updateWritability();
        if (!releaseScheduled) {
            releaseScheduled = true;
            ctx.executor().schedule(releaseWrites, Math.max(0, queue.peek().sendAtNanos - now), TimeUnit.NANOSECONDS);
        }
    }

    private void passOn(Object msg, ChannelPromise promise, long bytes) {
        counters.written(bytes);
        if (group != null) {
            group.counters().written(bytes);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        flushedSeq = lastSeq; // the held writes are flushed as they are released
        ctx.flush(); // for the writes already passed on
    }

    private void releaseWrites() {
        releaseScheduled = false;
        long now = now();
        boolean flush = false;
        for (Pending p; (p = queue.peek()) != null && p.sendAtNanos - now <= 0; ) {
            queue.poll();
            queuedBytes -= p.bytes;
            flush |= p.seq <= flushedSeq;
            passOn(p.msg, p.promise, p.bytes);
        }
        if (flush) {
            ctx.flush();
        }
        if (queue.isEmpty()) {
            writeThrottled(now);
        } else {
            releaseScheduled = true;
            ctx.executor().schedule(releaseWrites, queue.peek().sendAtNanos - now, TimeUnit.NANOSECONDS);
        }
        updateWritability();
    }

    private void writeThrottled(long now) {
        long held = now - writeHeldSinceNanos;
        counters.writeThrottled(held);
        if (group != null) {
            group.counters().writeThrottled(held);
        }
    }

    private void updateWritability() {
        Channel ch = ctx.channel();
        WriteBufferWaterMark marks = ch.config().writeBufferWaterMark();
        boolean over = unwritable ? queuedBytes > marks.lowBytes() : queuedBytes > marks.highBytes();
        if (over != unwritable && ch instanceof IoChannel ac) {
            unwritable = over;
            ac.userDefinedWritability(WRITABILITY_BIT, !over);
        }
    }

    // ---- the end ------------------------------------------------------------------------------

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        boolean flush = false;
        for (Pending p; (p = queue.poll()) != null; ) {
            flush |= p.seq <= flushedSeq;
            passOn(p.msg, p.promise, p.bytes);
        }
        queuedBytes = 0;
        if (flush) {
            ctx.flush();
        }
        updateWritability();
        if (autoReadTurnedOff) {
            autoReadTurnedOff = false;
            readPaused = false;
            ctx.channel().config().autoRead(true);
        }
    }

    private void failQueued() {
        if (queue.isEmpty()) {
            return;
        }
        ClosedChannelException closed = new ClosedChannelException();
        for (Pending p; (p = queue.poll()) != null; ) {
            ReferenceCounting.safeRelease(p.msg);
            p.promise.tryFailure(closed);
        }
        queuedBytes = 0;
        updateWritability();
    }
}
