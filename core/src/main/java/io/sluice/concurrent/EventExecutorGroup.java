package io.sluice.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of {@link EventExecutor}s. {@link #next()} picks one round-robin; the other methods
 * delegate to {@code next()}. Shutting the group down shuts down every executor.
 */
public interface EventExecutorGroup extends Executor, Iterable<EventExecutor> {

    /** Default quiet period of {@link #shutdownGracefully()}, in seconds. */
    long DEFAULT_QUIET_PERIOD_SECONDS = 2;
    /** Default timeout of {@link #shutdownGracefully()}, in seconds. */
    long DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 15;

    /** Returns the next executor, round-robin. */
    EventExecutor next();

    /** Returns the number of executors. */
    int executorCount();

    /**
     * Runs {@code task} on {@link #next()}.
     *
     * @throws java.util.concurrent.RejectedExecutionException after shutdown, or if the queue is full
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    void execute(Runnable task);

    /** Runs {@code task}; the future completes with {@code null} or its failure. */
    Future<?> submit(Runnable task);

    /** Runs {@code task}; the future completes with its result or failure. */
    <T> Future<T> submit(Callable<T> task);

    /** Runs {@code task} after {@code delay} (a negative delay runs it as soon as possible). */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    /** Runs {@code task} after {@code delay}; the future completes with its result. */
    <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit);

    /**
     * Runs {@code task} after {@code initialDelay}, then at {@code initialDelay + n * period}: the
     * schedule keeps its rate, so runs that fell behind (a busy loop) follow each other until caught
     * up, as with {@link java.util.concurrent.ScheduledThreadPoolExecutor}. A run that throws ends
     * the schedule and fails the future.
     */
    ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit);

    /**
     * Runs {@code task} after {@code initialDelay}, then {@code delay} after each run <em>ends</em>.
     * A run that throws ends the schedule and fails the future.
     */
    ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit);

    /** Shuts down with the default quiet period and timeout. @return {@link #terminationFuture()} */
    Future<?> shutdownGracefully();

    /**
     * Stops accepting work once it has been quiet for {@code quietPeriod} (no task submitted), or
     * after {@code timeout} at the latest; then runs the remaining tasks, fails what is scheduled,
     * and terminates. Idempotent.
     *
     * @return {@link #terminationFuture()}
     */
    Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit);

    /** Returns whether shutdown has begun. */
    boolean isShuttingDown();

    /** Returns whether every executor has terminated. */
    boolean isTerminated();

    /** Returns the future that completes when every executor has terminated. */
    Future<?> terminationFuture();
}
