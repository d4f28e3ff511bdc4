package io.sluice.channel;

import io.sluice.channel.spi.IoChannel;
import io.sluice.concurrent.EventExecutorGroup;
import java.util.Objects;

/** A group of {@link EventLoop}s; channels are spread over them round-robin with {@link #next()}. */
public interface EventLoopGroup extends EventExecutorGroup {

    @Override
    EventLoop next();

    /**
     * Registers {@code channel} with the next event loop, for life. The future completes on that
     * loop once the channel is registered (and fails if the channel cannot run on this loop type).
     *
     * @throws IllegalArgumentException if {@code channel} is not a transport's channel ({@link IoChannel})
     */
    default ChannelFuture register(Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (!(channel instanceof IoChannel io)) {
            throw new IllegalArgumentException("channel: " + channel.getClass().getName()
                    + " (expected: a transport's channel, an " + IoChannel.class.getName() + ")");
        }
        EventLoop loop = next();
        DefaultChannelPromise promise = new DefaultChannelPromise(channel, loop);
        io.register(loop, promise);
        return promise;
    }
}
