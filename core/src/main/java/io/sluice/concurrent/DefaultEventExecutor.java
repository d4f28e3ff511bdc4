package io.sluice.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-thread executor for work that may block or take long (the worker pool of the
 * single-reactor multi-thread model). Its thread parks while idle; waiting for futures on it is
 * allowed. Create groups of them with {@link DefaultEventExecutorGroup}.
 */
public final class DefaultEventExecutor extends SingleThreadEventExecutor {

    DefaultEventExecutor(EventExecutorGroup parent, ThreadFactory threadFactory, Ticker ticker,
            int maxPendingTasks, RejectedExecutionHandler rejectedHandler) {
        super(parent, threadFactory, ticker, maxPendingTasks, rejectedHandler);
    }

    /** Returns a standalone executor with an unbounded queue and a thread named {@code name}. */
    public static DefaultEventExecutor create(String name) {
        return new DefaultEventExecutor(null, EventLoopThreads.factory(name, false), Ticker.system(),
                Integer.MAX_VALUE, RejectedExecutionHandlers.reject());
    }

    @Override
    protected void waitForWork(long timeoutNanos) {
        if (timeoutNanos == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else if (timeoutNanos > 0) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
    }

    @Override
    protected void wakeUp() {
        Thread t = thread();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
