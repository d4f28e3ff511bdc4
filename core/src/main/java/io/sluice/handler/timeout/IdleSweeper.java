package io.sluice.handler.timeout;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.concurrent.Ticker;
import io.sluice.concurrent.Timeout;
import io.sluice.concurrent.Timer;
import io.sluice.concurrent.TimerTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that have neither read nor written for the idle time, for servers with very
 * many connections (muduo's timing wheel): every connection's check lives on one shared
 * {@link Timer}, normally a {@link io.sluice.concurrent.HashedWheelTimer}, where adding and
 * cancelling are O(1) and no event loop's schedule grows with the connection count. A check runs
 * up to one wheel tick late, never early.
 *
 * <p>Add {@link #newHandler()} to each connection's pipeline. A read or flush stores the time
 * (an opaque store, no fence and no allocation); the check, on the timer's thread, reads it and
 * either closes the channel (handed to its event loop) or re-arms for the time left. Thread-safe:
 * one sweeper serves every connection of a server.
 */
public final class IdleSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(IdleSweeper.class);

    private final Timer timer;
    private final Ticker ticker;
    /** Idle time in nanoseconds. */
    private final long idleNanos;
    private final LongAdder closed = new LongAdder();

    private IdleSweeper(Timer timer, Ticker ticker, long idleNanos) {
        this.timer = timer;
        this.ticker = ticker;
        this.idleNanos = idleNanos;
    }

    /**
     * Returns a sweeper on {@code timer} that closes connections idle for {@code idle}, reading
     * time from {@code ticker} (the ticker the timer runs on).
     *
     * @throws IllegalArgumentException if {@code idle} is not positive
     */
    public static IdleSweeper create(Timer timer, Ticker ticker, long idle, TimeUnit unit) {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(unit, "unit");
        if (idle <= 0) {
            throw new IllegalArgumentException("idle: " + idle + " (expected: > 0)");
        }
        return new IdleSweeper(timer, ticker, unit.toNanos(idle));
    }

    /** Returns a new handler for one connection's pipeline. */
    public ChannelHandler newHandler() {
        return new Swept();
    }

    /** Returns how many connections this sweeper has closed. */
    public long closedConnections() {
        return closed.sum();
    }

    /** One connection's activity time and pending check. */
    private final class Swept implements ChannelHandler, TimerTask {
        private static final VarHandle LAST_ACTIVITY;

        static {
            try {
                LAST_ACTIVITY = MethodHandles.lookup().findVarHandle(Swept.class, "lastActivityNanos", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Written by the channel's loop (opaque), read by the timer thread (opaque). */
        @SuppressWarnings("unused")
        private long lastActivityNanos;
        /** The pending check; written by the loop and the timer thread. */
        private volatile Timeout timeout;
        private volatile boolean stopped;
        private ChannelHandlerContext ctx;

        private void touch() {
            LAST_ACTIVITY.setOpaque(this, ticker.nanoTime());
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            if (ctx.channel().isActive()) {
                start();
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            stop();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            start();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop();
            ctx.fireChannelInactive();
        }

        private void start() {
            if (timeout == null && !stopped) {
                touch();
                arm(idleNanos);
            }
        }

        private void stop() {
            stopped = true;
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
        }

        private void arm(long delayNanos) {
            try {
                timeout = timer.newTimeout(this, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                LOG.warn("idle sweeper cannot watch {}: {}", ctx.channel(), e.getMessage());
            }
            Timeout t = timeout;
            if (stopped && t != null) { // closed while arming: do not keep the timeout
                t.cancel();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            touch();
            ctx.fireChannelRead(msg);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            touch();
            ctx.flush();
        }

        @Override
        public void run(Timeout expired) {
            if (stopped) {
                return;
            }
            long idleFor = ticker.nanoTime() - (long) LAST_ACTIVITY.getOpaque(this);
            if (idleFor >= idleNanos) {
                stopped = true;
                closed.increment();
                LOG.debug("{} idle for {} ms: closing", ctx.channel(), TimeUnit.NANOSECONDS.toMillis(idleFor));
                ctx.channel().close();
            } else {
                arm(idleNanos - idleFor);
            }
        }
    }
}
