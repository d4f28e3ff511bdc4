package io.sluice.channel;

import io.sluice.concurrent.FutureListener;
import io.sluice.concurrent.Promise;

/** A {@link ChannelFuture} that the channel's transport or a handler completes. */
public interface ChannelPromise extends ChannelFuture, Promise<Void> {

    /** Completes successfully. @return this promise */
    ChannelPromise setSuccess();

    /** Completes successfully unless already done. @return whether this call completed it */
    boolean trySuccess();

    @Override
    ChannelPromise setFailure(Throwable cause);

    @Override
    ChannelPromise addListener(FutureListener<? super Void> listener);

    @Override
    ChannelPromise removeListener(FutureListener<? super Void> listener);

    @Override
    ChannelPromise sync() throws InterruptedException;

    @Override
    ChannelPromise syncUninterruptibly();

    @Override
    ChannelPromise await() throws InterruptedException;

    @Override
    ChannelPromise awaitUninterruptibly();
}
