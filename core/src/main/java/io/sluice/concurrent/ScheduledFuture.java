package io.sluice.concurrent;

/**
 * The future of a task scheduled on an {@link EventExecutor}. Cancelling it removes the task
 * from the executor's schedule.
 *
 * @param <V> the result type
 */
public interface ScheduledFuture<V> extends Future<V>, java.util.concurrent.ScheduledFuture<V> {
}
