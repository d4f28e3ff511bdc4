package io.sluice.channel;

import io.sluice.concurrent.EventExecutorGroup;

/** A group of {@link EventLoop}s; channels are spread over them round-robin with {@link #next()}. */
public interface EventLoopGroup extends EventExecutorGroup {

    @Override
    EventLoop next();

    /**
     * Registers {@code channel} with the next event loop, for life. The future completes on that
     * loop once the channel is registered (and fails if the channel cannot run on this loop type).
     */
    default ChannelFuture register(Channel channel) {
        EventLoop loop = next();
        DefaultChannelPromise promise = new DefaultChannelPromise(channel, loop);
        ((AbstractChannel) channel).register(loop, promise);
        return promise;
    }
}
