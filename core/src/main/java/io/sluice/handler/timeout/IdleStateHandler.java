package io.sluice.handler.timeout;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.ScheduledFuture;
import io.sluice.concurrent.Ticker;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Fires an {@link IdleStateEvent} when the channel has not read ({@link IdleState#READER_IDLE}),
 * not written ({@link IdleState#WRITER_IDLE}) or done neither ({@link IdleState#ALL_IDLE}) for the
 * configured time, then once more per idle period until it is active again. A time of 0 turns that
 * kind off. Handle the event in a later handler's {@code userEventTriggered} (close, send a ping),
 * or subclass and override {@link #channelIdle}.
 *
 * <p>Cost: reads and flushes only record a time; one check per channel is scheduled on the
 * handler's executor and rescheduled when it runs, so a busy channel costs one timer task per
 * idle period, not one per message. A read counts when its batch completes
 * ({@code channelReadComplete}); a write counts when it is flushed. With {@code observeOutput}, a
 * write whose promise is still pending (bytes still being sent) also counts as activity, so a slow
 * but live reader is not writer-idle; writes made with the void promise cannot be observed.
 *
 * <p>Thread: one instance per channel (not sharable); every method runs on the handler's
 * executor. Messages pass through untouched (ownership goes on with them).
 */
public class IdleStateHandler implements ChannelHandler {
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;

    /** Reader-idle time in nanoseconds; 0: off. */
    private final long readerIdleNanos;
    /** Writer-idle time in nanoseconds; 0: off. */
    private final long writerIdleNanos;
    /** All-idle time in nanoseconds; 0: off. */
    private final long allIdleNanos;
    /** Whether output still being sent counts as write activity. */
    private final boolean observeOutput;
    private final Runnable check = this::check;

    private ChannelHandlerContext ctx;
    private Ticker ticker;
    private ScheduledFuture<?> scheduled;
    private int state = NEW;
    /** Whether a read batch is in progress (reads seen, {@code channelReadComplete} not yet). */
    private boolean reading;
    /** Whether a write passed since the last flush. */
    private boolean writtenSinceFlush;
    /** The last non-void write promise, to tell whether output is still pending. */
    private ChannelPromise lastWritePromise;
    private long lastReadNanos;
    private long lastWriteNanos;
    private final Stretch reader = new Stretch();
    private final Stretch writer = new Stretch();
    private final Stretch all = new Stretch();

    /** Whether an idle kind has fired since the last activity, and when it last fired. */
    private static final class Stretch {
        boolean fired;
        long firedNanos;
    }

    /** Creates the handler for a subclass; see {@link #create(long, long, long, TimeUnit, boolean)}. */
    protected IdleStateHandler(long readerIdle, long writerIdle, long allIdle, TimeUnit unit, boolean observeOutput) {
        Objects.requireNonNull(unit, "unit");
        this.readerIdleNanos = nanos("readerIdle", readerIdle, unit);
        this.writerIdleNanos = nanos("writerIdle", writerIdle, unit);
        this.allIdleNanos = nanos("allIdle", allIdle, unit);
        this.observeOutput = observeOutput;
    }

    /** Returns a handler that does not count pending output as activity. */
    public static IdleStateHandler create(long readerIdle, long writerIdle, long allIdle, TimeUnit unit) {
        return new IdleStateHandler(readerIdle, writerIdle, allIdle, unit, false);
    }

    /**
     * Returns a handler with the given idle times (0: off) in {@code unit}.
     *
     * @param observeOutput whether a write still being sent counts as activity
     * @throws IllegalArgumentException if a time is negative
     */
    public static IdleStateHandler create(long readerIdle, long writerIdle, long allIdle, TimeUnit unit,
            boolean observeOutput) {
        return new IdleStateHandler(readerIdle, writerIdle, allIdle, unit, observeOutput);
    }

    private static long nanos(String name, long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException(name + ": " + amount + " (expected: >= 0, 0 turns it off)");
        }
        return amount == 0 ? 0 : Math.max(1, unit.toNanos(amount));
    }

    /** Returns the reader-idle time in {@code unit} (0: off). */
    public long readerIdleTime(TimeUnit unit) {
        return unit.convert(readerIdleNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns the writer-idle time in {@code unit} (0: off). */
    public long writerIdleTime(TimeUnit unit) {
        return unit.convert(writerIdleNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns the all-idle time in {@code unit} (0: off). */
    public long allIdleTime(TimeUnit unit) {
        return unit.convert(allIdleNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Called when the channel has been idle; the default fires {@code event} as a user event to the
     * next handler. Runs on the handler's executor.
     */
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) throws Exception {
        ctx.fireUserEventTriggered(event);
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
        ctx.fireChannelRegistered();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (state != NEW) {
            return;
        }
        state = RUNNING;
        this.ctx = ctx;
        this.ticker = ctx.executor().ticker();
        long now = ticker.nanoTime();
        lastReadNanos = now;
        lastWriteNanos = now;
        long first = Math.min(orMax(readerIdleNanos), Math.min(orMax(writerIdleNanos), orMax(allIdleNanos)));
        if (first != Long.MAX_VALUE) {
            scheduled = ctx.executor().schedule(check, first, TimeUnit.NANOSECONDS);
        }
    }

    private static long orMax(long idleNanos) {
        return idleNanos == 0 ? Long.MAX_VALUE : idleNanos;
    }

    private void stop() {
        state = STOPPED;
        lastWritePromise = null;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    // ---- activity -----------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading && state == RUNNING) {
            reading = false;
            lastReadNanos = ticker.nanoTime();
            reader.fired = false;
            all.fired = false;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writtenSinceFlush = true;
        if (observeOutput && !promise.isVoid()) {
            lastWritePromise = promise;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (writtenSinceFlush && state == RUNNING) {
            writtenSinceFlush = false;
            wrote(ticker.nanoTime());
        }
        ctx.flush();
    }

    private void wrote(long now) {
        lastWriteNanos = now;
        writer.fired = false;
        all.fired = false;
    }

    // ---- the check ----------------------------------------------------------------------------

    private void check() {
        scheduled = null;
        if (state != RUNNING || !ctx.channel().isOpen()) {
            return;
        }
        long now = ticker.nanoTime();
        if (reading) {
            lastReadNanos = now; // a batch in progress is activity
        }
        if (observeOutput && lastWritePromise != null) {
            if (lastWritePromise.isDone()) {
                lastWritePromise = null;
            } else {
                wrote(now); // still sending: a slow reader is not an idle one
            }
        }
        long next = Long.MAX_VALUE;
        next = Math.min(next, due(IdleState.READER_IDLE, reader, readerIdleNanos, lastReadNanos, now));
        if (state != RUNNING) {
            return;
        }
        next = Math.min(next, due(IdleState.WRITER_IDLE, writer, writerIdleNanos, lastWriteNanos, now));
        if (state != RUNNING) {
            return;
        }
        next = Math.min(next, due(IdleState.ALL_IDLE, all, allIdleNanos, Math.max(lastReadNanos, lastWriteNanos),
                now));
        if (state == RUNNING && next != Long.MAX_VALUE && ctx.channel().isOpen()) {
            scheduled = ctx.executor().schedule(check, Math.max(1, next - now), TimeUnit.NANOSECONDS);
        }
    }

    /** Fires {@code kind} if it is due at {@code now}. @return when it is next due, or MAX_VALUE if off */
    private long due(IdleState kind, Stretch stretch, long idleNanos, long lastActivityNanos, long now) {
        if (idleNanos == 0) {
            return Long.MAX_VALUE;
        }
        long due = (stretch.fired ? stretch.firedNanos : lastActivityNanos) + idleNanos;
        if (now - due < 0) {
            return due;
        }
        boolean first = !stretch.fired;
        stretch.fired = true;
        stretch.firedNanos = now;
        try {
            channelIdle(ctx, IdleStateEvent.of(kind, first));
        } catch (Throwable t) {
            ctx.fireExceptionCaught(t);
        }
        return now + idleNanos;
    }
}
