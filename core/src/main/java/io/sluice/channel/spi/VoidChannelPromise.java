package io.sluice.channel.spi;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.DefaultChannelPromise;
import io.sluice.concurrent.FutureListener;
import java.util.concurrent.TimeUnit;

/**
 * The shared promise of fire-and-forget operations: completing it does nothing, failing it fires
 * {@code exceptionCaught} through the pipeline; listeners and waiting are refused.
 */
final class VoidChannelPromise extends DefaultChannelPromise {
    VoidChannelPromise(Channel channel) {
        super(channel, null);
    }

    @Override
    public boolean isVoid() {
        return true;
    }

    @Override
    public boolean trySuccess(Void result) {
        return false;
    }

    @Override
    public boolean tryFailure(Throwable cause) {
        if (channel().isRegistered()) {
            channel().pipeline().fireExceptionCaught(cause);
        }
        return false;
    }

    @Override
    public boolean setUncancellable() {
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isDone() {
        return false;
    }

    @Override
    public ChannelPromise addListener(FutureListener<? super Void> listener) {
        throw new IllegalStateException("promise: the void promise, which takes no listeners (expected: one from newPromise())");
    }

    @Override
    public ChannelPromise await() {
        throw new IllegalStateException("promise: the void promise, which cannot be waited for (expected: one from newPromise())");
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) {
        throw new IllegalStateException("promise: the void promise, which cannot be waited for (expected: one from newPromise())");
    }

    @Override
    public ChannelPromise awaitUninterruptibly() {
        throw new IllegalStateException("promise: the void promise, which cannot be waited for (expected: one from newPromise())");
    }

    @Override
    public boolean awaitUninterruptibly(long timeout, TimeUnit unit) {
        throw new IllegalStateException("promise: the void promise, which cannot be waited for (expected: one from newPromise())");
    }
}
