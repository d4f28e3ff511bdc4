package io.sluice.channel;

import io.sluice.concurrent.Future;
import io.sluice.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A graceful close waiting for a channel's outbound buffer to drain: the promise of the first
 * {@code closeGracefully} call (later calls' promises follow it) and the earliest deadline asked
 * for, at which the channel closes anyway, failing what is still unsent. Loop only.
 */
final class GracefulClose {
    private final EventLoop loop;
    private final ChannelPromise promise;
    private final Runnable onDeadline;
    private ScheduledFuture<?> deadline;
    /** When {@link #deadline} fires, by the loop's ticker. */
    private long deadlineNanos;

    /**
     * @param onDeadline what the channel does when the deadline passes first (closes at once)
     */
    GracefulClose(EventLoop loop, ChannelPromise promise, Runnable onDeadline) {
        this.loop = loop;
        this.promise = promise;
        this.onDeadline = onDeadline;
    }

    /** Returns the promise completed when the channel has closed. */
    ChannelPromise promise() {
        return promise;
    }

    /** Completes {@code other} with this close too (a second {@code closeGracefully} call). */
    void join(ChannelPromise other) {
        promise.addListener(f -> completeLike(f, other));
    }

    /** Closes anyway after {@code timeoutNanos} unless an earlier deadline is set; {@code <= 0}: none. */
    void deadline(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return;
        }
        long at = loop.ticker().nanoTime() + timeoutNanos;
        if (deadline != null) {
            if (deadlineNanos - at <= 0) {
                return;
            }
            deadline.cancel(false);
        }
        deadlineNanos = at;
        deadline = loop.schedule(onDeadline, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Drops the deadline: the channel closed or drained first. */
    void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    static void completeLike(Future<?> done, ChannelPromise promise) {
        if (done.isSuccess()) {
            promise.trySuccess(null);
        } else {
            promise.tryFailure(done.cause());
        }
    }
}
