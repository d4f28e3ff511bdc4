package io.sluice.concurrent;

import io.sluice.internal.EventLoopThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for executors: threads named {@code prefix-N}, non-daemon (a server stays up
 * until it is shut down), of the {@link EventLoopThread} type that gets a buffer cache.
 */
public final class EventLoopThreads {
    private EventLoopThreads() {}

    /**
     * Returns a factory of threads named {@code prefix-1}, {@code prefix-2}, ...
     *
     * @param forbidsBlocking whether waiting for a future on these threads throws (true for I/O loops)
     */
    public static ThreadFactory factory(String prefix, boolean forbidsBlocking) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> new EventLoopThread(task, prefix + "-" + next.getAndIncrement(), forbidsBlocking);
    }
}
