package io.sluice.channel;

import io.sluice.concurrent.Future;
import io.sluice.concurrent.FutureListener;

/** The future of a channel operation; its listeners run on the channel's event loop. */
public interface ChannelFuture extends Future<Void> {

    /** Returns the channel the operation belongs to. */
    Channel channel();

    /**
     * Returns whether this is the channel's void promise: a write that wants no completion
     * (no listeners, no waiting; a failure goes to the pipeline's {@code exceptionCaught}).
     */
    boolean isVoid();

    @Override
    ChannelFuture addListener(FutureListener<? super Void> listener);

    @Override
    ChannelFuture removeListener(FutureListener<? super Void> listener);

    @Override
    ChannelFuture sync() throws InterruptedException;

    @Override
    ChannelFuture syncUninterruptibly();

    @Override
    ChannelFuture await() throws InterruptedException;

    @Override
    ChannelFuture awaitUninterruptibly();
}
