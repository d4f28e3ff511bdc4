package io.sluice.concurrent;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Combining futures. */
public final class Futures {
    private Futures() {}

    /** Like {@link #allOf(EventExecutor, Collection)} with an array. */
    public static Future<Void> allOf(EventExecutor executor, Future<?>... futures) {
        return allOf(executor, List.of(futures));
    }

    /**
     * Returns a future that completes when every one of {@code futures} has completed: successfully
     * if all succeeded, otherwise with the first failure seen (later ones are added to it as
     * suppressed). An empty collection gives a succeeded future.
     *
     * @param executor runs the listeners of the returned future (may be {@code null})
     */
    public static Future<Void> allOf(EventExecutor executor, Collection<? extends Future<?>> futures) {
        DefaultPromise<Void> all = new DefaultPromise<>(executor);
        if (futures.isEmpty()) {
            all.setSuccess(null);
            return all;
        }
        AtomicInteger pending = new AtomicInteger(futures.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        FutureListener<Object> listener = f -> {
            Throwable cause = f.cause();
            if (cause != null && !failure.compareAndSet(null, cause) && failure.get() != cause) {
                synchronized (failure) {
                    failure.get().addSuppressed(cause);
                }
            }
            if (pending.decrementAndGet() == 0) {
                Throwable first = failure.get();
                if (first == null) {
                    all.trySuccess(null);
                } else {
                    all.tryFailure(first);
                }
            }
        };
        for (Future<?> future : futures) {
            future.addListener(listener);
        }
        return all;
    }
}
