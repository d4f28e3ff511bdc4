package io.sluice.channel;

import io.sluice.concurrent.EventExecutor;

/**
 * One thread that runs the I/O and the tasks of the channels registered with it. A channel stays
 * on one loop for life, so its state needs no locks: every event and operation of the channel
 * runs on this thread.
 */
public interface EventLoop extends EventExecutor, EventLoopGroup {

    @Override
    EventLoop next();

    @Override
    EventLoopGroup parent();
}
