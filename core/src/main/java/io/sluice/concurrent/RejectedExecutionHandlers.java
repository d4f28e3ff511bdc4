package io.sluice.concurrent;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Standard {@link RejectedExecutionHandler}s. */
public final class RejectedExecutionHandlers {
    private static final RejectedExecutionHandler REJECT = (task, executor) -> {
        throw new RejectedExecutionException("task queue of " + executor + ": full (expected: at most maxPendingTasks "
                + executor.maxPendingTasks() + ")");
    };

    private RejectedExecutionHandlers() {}

    /** Throws {@link RejectedExecutionException} (the default). */
    public static RejectedExecutionHandler reject() {
        return REJECT;
    }

    /**
     * Retries up to {@code retries} times, pausing {@code backoff} between tries, before throwing;
     * never pauses on the executor's own thread (that would deadlock), where it throws at once.
     */
    public static RejectedExecutionHandler backoff(int retries, long backoff, TimeUnit unit) {
        if (retries < 1 || backoff < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 1), backoff: " + backoff
                    + " (expected: >= 0)");
        }
        long backoffNanos = unit.toNanos(backoff);
        return (task, executor) -> {
            if (!executor.inEventLoop()) {
                for (int i = 0; i < retries; i++) {
                    executor.wakeUpNow();
                    LockSupport.parkNanos(backoffNanos);
                    if (executor.offer(task)) {
                        return;
                    }
                }
            }
            REJECT.rejected(task, executor);
        };
    }
}
