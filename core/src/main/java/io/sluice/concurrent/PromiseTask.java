package io.sluice.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.RunnableFuture;

/** A task whose outcome completes its own promise; what {@code submit} queues. */
class PromiseTask<V> extends DefaultPromise<V> implements RunnableFuture<V> {
    final Callable<V> callable;

    PromiseTask(EventExecutor executor, Callable<V> callable) {
        super(executor);
        this.callable = callable;
    }

    static <V> Callable<V> callable(Runnable task) {
        return () -> {
            task.run();
            return null;
        };
    }

    @Override
    public void run() {
        if (!setUncancellable()) {
            return;
        }
        try {
            trySuccess(callable.call());
        } catch (Throwable t) {
            tryFailure(t);
        }
    }
}
