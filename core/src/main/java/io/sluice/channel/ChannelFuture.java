package io.sluice.channel;

import io.sluice.concurrent.Future;

/** The future of a channel operation; its listeners run on the channel's event loop. */
public interface ChannelFuture extends Future<Void> {

    /** Returns the channel the operation belongs to. */
    Channel channel();

    /**
     * Returns whether this is the channel's void promise: a write that wants no completion
     * (no listeners, no waiting; a failure goes to the pipeline's {@code exceptionCaught}).
     */
    boolean isVoid();
}
