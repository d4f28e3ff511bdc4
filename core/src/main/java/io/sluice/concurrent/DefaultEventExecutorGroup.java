package io.sluice.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * A pool of {@link DefaultEventExecutor}s for offloaded handlers. A pipeline binds each channel's
 * offloaded handler to one executor of the group for the channel's life, so that channel's events
 * stay in order while different channels run in parallel.
 */
public final class DefaultEventExecutorGroup extends MultithreadEventExecutorGroup<DefaultEventExecutor> {

    private DefaultEventExecutorGroup(int threads, ThreadFactory threadFactory, int maxPendingTasks,
            RejectedExecutionHandler rejectedHandler) {
        super(threads, (parent, i) -> new DefaultEventExecutor(parent, threadFactory, Ticker.system(), maxPendingTasks,
                rejectedHandler));
    }

    /** Returns a group of {@code threads} executors with unbounded queues, threads named {@code sluice-worker-N}. */
    public static DefaultEventExecutorGroup create(int threads) {
        return create(threads, "sluice-worker", Integer.MAX_VALUE, RejectedExecutionHandlers.reject());
    }

    /**
     * Returns a group of {@code threads} executors.
     *
     * @param threadNamePrefix names threads {@code prefix-N}
     * @param maxPendingTasks bound of each executor's queue, rounded up to a power of two
     *     ({@code Integer.MAX_VALUE}: unbounded)
     * @param rejectedHandler what happens when a bounded queue is full
     */
    public static DefaultEventExecutorGroup create(int threads, String threadNamePrefix, int maxPendingTasks,
            RejectedExecutionHandler rejectedHandler) {
        return new DefaultEventExecutorGroup(threads, EventLoopThreads.factory(threadNamePrefix, false),
                maxPendingTasks, rejectedHandler);
    }
}
