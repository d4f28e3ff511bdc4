package io.sluice.channel.spi;

import io.sluice.channel.ChannelPromise;
import io.sluice.channel.EventLoop;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * What waits for a channel's outbound buffer to drain: a {@code shutdownOutput} waiting for the
 * flushed bytes to be sent, and a graceful close waiting for every written byte, with the earliest
 * deadline asked for, at which the channel closes anyway (failing what is still unsent). The promise
 * of the first {@code closeGracefully} call is the close's; later calls' promises follow it.
 *
 * <p>Made by the first such wait and dropped by the channel once nothing waits, so most channels
 * never hold one. Loop only.
 */
final class OutboundDrain implements Runnable {
    private final AbstractChannel channel;
    /** A shutdownOutput waiting for the flushed bytes to be sent, or null. */
    private ChannelPromise shutdownOutput;
    /** A graceful close waiting for every written byte to be sent, or null. */
    private ChannelPromise close;
    /** Closes anyway when it fires (this object is the task), or null. */
    private ScheduledFuture<?> deadline;
    /** When {@link #deadline} fires, by the loop's ticker. */
    private long deadlineNanos;

    OutboundDrain(AbstractChannel channel) {
        this.channel = channel;
    }

    /** Returns whether nothing waits any more (the channel may drop this object). */
    boolean isIdle() {
        return shutdownOutput == null && close == null;
    }

    /** Shuts the output down once the flushed bytes are sent; a second call follows the first. */
    void awaitShutdownOutput(ChannelPromise promise) {
        if (shutdownOutput != null) {
            shutdownOutput.addListener(f -> completeLike(f, promise));
        } else {
            shutdownOutput = promise;
        }
    }

    /**
     * Closes once every written byte is sent, or after {@code timeoutNanos} ({@code <= 0}: no
     * deadline) unless an earlier deadline is set. A second call's promise follows the first's.
     */
    void awaitClose(ChannelPromise promise, long timeoutNanos) {
        if (close == null) {
            close = promise;
        } else {
            close.addListener(f -> completeLike(f, promise));
        }
        if (timeoutNanos <= 0) {
            return;
        }
        EventLoop loop = channel.eventLoop();
        long at = loop.ticker().nanoTime() + timeoutNanos;
        if (deadline != null) {
            if (deadlineNanos - at <= 0) {
                return;
            }
            deadline.cancel(false);
        }
        deadlineNanos = at;
        deadline = loop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * After a write: shuts the output down if the flushed bytes are gone, and closes (through the
     * pipeline) if every written byte is.
     */
    void outboundWritten(ChannelOutboundBuffer out) {
        if (shutdownOutput != null && out.isEmpty()) {
            ChannelPromise promise = shutdownOutput;
            shutdownOutput = null;
            channel.shutdownOutputNow(promise);
        }
        if (close != null && out.entries() == 0) {
            ChannelPromise promise = takeClose();
            channel.runLater(() -> channel.pipeline().close(promise));
        }
    }

    /** The deadline: closes now, through the pipeline, failing what is still unsent. */
    @Override
    public void run() {
        deadline = null;
        if (close == null) {
            return;
        }
        ChannelPromise promise = takeClose();
        channel.gracefulCloseExpired(promise);
    }

    /** The channel closed: a waiting close got what it wanted, a waiting shutdownOutput fails. */
    void channelClosed() {
        if (close != null) {
            takeClose().trySuccess(null);
        }
        if (shutdownOutput != null) {
            shutdownOutput.tryFailure(new ClosedChannelException());
            shutdownOutput = null;
        }
    }

    private ChannelPromise takeClose() {
        ChannelPromise promise = close;
        close = null;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        return promise;
    }

    /** Completes {@code promise} as {@code done} completed. */
    static void completeLike(Future<?> done, ChannelPromise promise) {
        if (done.isSuccess()) {
            promise.trySuccess(null);
        } else {
            promise.tryFailure(done.cause());
        }
    }
}
