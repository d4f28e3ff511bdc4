package io.sluice.channel.spi;

import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.EventLoopThreads;
import io.sluice.concurrent.MultithreadEventExecutorGroup;
import io.sluice.concurrent.RejectedExecutionHandlers;
import io.sluice.concurrent.Ticker;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * A group of {@link IoEventLoop}s over one transport. Transports offer a shorthand (for example
 * {@code NioEventLoopGroup.create(n)}); this is what it builds.
 */
public final class IoEventLoopGroup extends MultithreadEventExecutorGroup<IoEventLoop> implements EventLoopGroup {

    private IoEventLoopGroup(int threads, ThreadFactory threadFactory, Supplier<? extends IoHandler> ioHandlers,
            int ioRatio) {
        super(threads, (parent, i) -> new IoEventLoop((EventLoopGroup) parent, threadFactory, ioHandlers.get(),
                ioRatio, Ticker.system(), Integer.MAX_VALUE, RejectedExecutionHandlers.reject()));
    }

    /**
     * Returns a group of {@code threads} loops, each with its own handler from {@code ioHandlers},
     * threads named {@code threadNamePrefix-N}, and an I/O ratio of 50.
     */
    public static IoEventLoopGroup create(int threads, String threadNamePrefix, Supplier<? extends IoHandler> ioHandlers) {
        return create(threads, threadNamePrefix, ioHandlers, 50);
    }

    /** Like {@link #create(int, String, Supplier)} with an explicit I/O ratio (1-100). */
    public static IoEventLoopGroup create(int threads, String threadNamePrefix, Supplier<? extends IoHandler> ioHandlers,
            int ioRatio) {
        return new IoEventLoopGroup(threads, EventLoopThreads.factory(threadNamePrefix, true), ioHandlers, ioRatio);
    }

    @Override
    public IoEventLoop next() {
        return super.next();
    }
}
