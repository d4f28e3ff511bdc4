package io.sluice.channel;

import io.sluice.concurrent.EventExecutorGroup;

/** A group of {@link EventLoop}s; channels are spread over them round-robin with {@link #next()}. */
public interface EventLoopGroup extends EventExecutorGroup {

    @Override
    EventLoop next();
}
