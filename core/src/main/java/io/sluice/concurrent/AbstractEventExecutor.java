package io.sluice.concurrent;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The part every {@link EventExecutor} shares: it is its own group of one, promises bound to it, and
 * {@code submit}/{@code schedule} built on {@link #execute(Runnable)} and one scheduling primitive.
 */
public abstract class AbstractEventExecutor extends AbstractEventExecutorGroup implements EventExecutor {

    /** For the executors of this package. */
    AbstractEventExecutor() {}

    /**
     * Schedules {@code callable} after {@code delay}: once when {@code period == 0}, at a fixed rate of
     * {@code period} when positive, with a fixed delay of {@code -period} between runs when negative.
     */
    abstract <V> ScheduledFuture<V> schedule0(Callable<V> callable, long delay, long period, TimeUnit unit);

    @Override
    public EventExecutor next() {
        return this;
    }

    @Override
    public int executorCount() {
        return 1;
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return List.<EventExecutor>of(this).iterator();
    }

    @Override
    public <V> Promise<V> newPromise() {
        return new DefaultPromise<>(this);
    }

    @Override
    public <V> Future<V> newSucceededFuture(V value) {
        return new DefaultPromise<V>(this).setSuccess(value);
    }

    @Override
    public <V> Future<V> newFailedFuture(Throwable cause) {
        return new DefaultPromise<V>(this).setFailure(cause);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(PromiseTask.callable(Objects.requireNonNull(task, "task")));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        PromiseTask<T> promise = new PromiseTask<>(this, Objects.requireNonNull(task, "task"));
        try {
            execute(promise);
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
        return promise;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(PromiseTask.callable(Objects.requireNonNull(task, "task")), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return schedule0(Objects.requireNonNull(task, "task"), delay, 0, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        requirePositive(period, "period");
        return schedule0(PromiseTask.callable(Objects.requireNonNull(task, "task")), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        requirePositive(delay, "delay");
        return schedule0(PromiseTask.callable(Objects.requireNonNull(task, "task")), initialDelay, -delay, unit);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
