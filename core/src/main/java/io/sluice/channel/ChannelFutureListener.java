package io.sluice.channel;

import io.sluice.concurrent.Future;
import io.sluice.concurrent.FutureListener;

/**
 * A listener of a {@link ChannelFuture} that is handed the channel's future, so it can reach the
 * channel; it runs on the channel's event loop. The constants are the usual follow-ups of a write:
 * {@code ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE_GRACEFULLY)}.
 *
 * <p>Add it only to a {@link ChannelFuture} (a void promise takes no listeners).
 */
@FunctionalInterface
public interface ChannelFutureListener extends FutureListener<Void> {

    /** Closes the channel at once, whatever the outcome (what is still unsent is dropped). */
    ChannelFutureListener CLOSE = future -> future.channel().close();

    /** Closes the channel at once if the operation failed. */
    ChannelFutureListener CLOSE_ON_FAILURE = future -> {
        if (!future.isSuccess()) {
            future.channel().close();
        }
    };

    /**
     * Closes the channel gracefully ({@link Channel#closeGracefully()}: everything already
     * written is sent first, within the channel's graceful-close deadline), whatever the outcome.
     */
    ChannelFutureListener CLOSE_GRACEFULLY = future -> future.channel().closeGracefully();

    /** Passes the failure of the operation to the pipeline's {@code exceptionCaught}; nothing on success. */
    ChannelFutureListener FIRE_EXCEPTION_ON_FAILURE = future -> {
        if (!future.isSuccess()) {
            future.channel().pipeline().fireExceptionCaught(future.cause());
        }
    };

    /** Called once with the completed channel future, on the channel's event loop. */
    void operationComplete(ChannelFuture future) throws Exception;

    @Override
    default void operationComplete(Future<? extends Void> future) throws Exception {
        operationComplete((ChannelFuture) future);
    }
}
