package io.sluice.handler.timeout;

import io.sluice.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel that has read nothing for the timeout: fires a {@link ReadTimeoutException}
 * through the pipeline, then closes, once. Built on {@link IdleStateHandler}'s reader-idle check
 * (one timer per channel, rescheduled lazily). Thread: one instance per channel.
 */
public final class ReadTimeoutHandler extends IdleStateHandler {
    private final long timeoutMillis;
    private boolean closed;

    private ReadTimeoutHandler(long timeout, TimeUnit unit) {
        super(positive(timeout), 0, 0, unit, false);
        this.timeoutMillis = unit.toMillis(timeout);
    }

    private static long positive(long timeout) {
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        return timeout;
    }

    /** Returns a handler that closes after {@code timeout} without a read. @throws IllegalArgumentException if not positive */
    public static ReadTimeoutHandler create(long timeout, TimeUnit unit) {
        return new ReadTimeoutHandler(timeout, unit);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!closed) {
            closed = true;
            ctx.fireExceptionCaught(new ReadTimeoutException(timeoutMillis));
            ctx.close();
        }
    }
}
