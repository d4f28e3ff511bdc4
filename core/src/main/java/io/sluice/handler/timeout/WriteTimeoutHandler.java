package io.sluice.handler.timeout;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel whose write has not completed within the timeout (a peer that stopped
 * reading): fires a {@link WriteTimeoutException} through the pipeline, then closes, once.
 *
 * <p>Cost: no listener and no timer per write. Pending writes sit in a ring of (promise, time)
 * that grows only when more writes are pending than ever before; completed ones are dropped from
 * its head as writes arrive (writes complete in order). One check per channel is scheduled for
 * the oldest pending write's deadline and rescheduled when it runs. Writes made with the void
 * promise cannot be observed and are not timed.
 *
 * <p>Thread: one instance per channel; methods run on the handler's executor. Messages pass
 * through untouched.
 */
public final class WriteTimeoutHandler implements ChannelHandler {
    private final long timeoutNanos;
    private final Runnable check = this::check;
    private ChannelPromise[] promises = new ChannelPromise[8];
    private long[] writtenNanos = new long[8];
    private int head;
    private int size;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> scheduled;
    private boolean closed;

    private WriteTimeoutHandler(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        this.timeoutNanos = unit.toNanos(timeout);
    }

    /** Returns a handler that closes when a write is pending for {@code timeout}. @throws IllegalArgumentException if not positive */
    public static WriteTimeoutHandler create(long timeout, TimeUnit unit) {
        return new WriteTimeoutHandler(timeout, unit);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closed = true;
        clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!promise.isVoid() && !closed) {
            dropCompleted();
            add(promise, ctx.executor().ticker().nanoTime());
            if (scheduled == null) {
                scheduled = ctx.executor().schedule(check, timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        ctx.write(msg, promise);
    }

    private void add(ChannelPromise promise, long now) {
        if (size == promises.length) {
            grow();
        }
        int tail = (head + size) & (promises.length - 1);
        promises[tail] = promise;
        writtenNanos[tail] = now;
        size++;
    }

    private void grow() {
        int n = promises.length;
        ChannelPromise[] p = new ChannelPromise[n * 2];
        long[] t = new long[n * 2];
        for (int i = 0; i < size; i++) {
            p[i] = promises[(head + i) & (n - 1)];
            t[i] = writtenNanos[(head + i) & (n - 1)];
        }
        promises = p;
        writtenNanos = t;
        head = 0;
    }

    private void dropCompleted() {
        while (size > 0 && promises[head].isDone()) {
            promises[head] = null;
            head = (head + 1) & (promises.length - 1);
            size--;
        }
    }

    private void clear() {
        while (size > 0) {
            promises[head] = null;
            head = (head + 1) & (promises.length - 1);
            size--;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    private void check() {
        scheduled = null;
        if (closed) {
            return;
        }
        dropCompleted();
        if (size == 0) {
            return;
        }
        long now = ctx.executor().ticker().nanoTime();
        long due = writtenNanos[head] + timeoutNanos;
        if (now - due >= 0) {
            closed = true;
            clear();
            ctx.fireExceptionCaught(new WriteTimeoutException(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
            ctx.close();
        } else {
            scheduled = ctx.executor().schedule(check, due - now, TimeUnit.NANOSECONDS);
        }
    }
}
