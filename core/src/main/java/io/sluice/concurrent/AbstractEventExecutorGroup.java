package io.sluice.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The part of every {@link EventExecutorGroup} that hands work to {@link #next()}: task submission and
 * scheduling, and the default {@link #shutdownGracefully()}.
 */
public abstract class AbstractEventExecutorGroup implements EventExecutorGroup {

    /** For subclasses. */
    protected AbstractEventExecutorGroup() {}

    @Override
    public void execute(Runnable task) {
        next().execute(task);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return next().submit(task);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return next().submit(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return next().schedule(task, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return next().schedule(task, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return next().scheduleAtFixedRate(task, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return next().scheduleWithFixedDelay(task, initialDelay, delay, unit);
    }

    @Override
    public Future<?> shutdownGracefully() {
        return shutdownGracefully(DEFAULT_QUIET_PERIOD_SECONDS, DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Checks the arguments of {@link #shutdownGracefully(long, long, TimeUnit)}. */
    static void checkShutdownArguments(long quietPeriod, long timeout) {
        if (quietPeriod < 0 || timeout < quietPeriod) {
            throw new IllegalArgumentException("quietPeriod: " + quietPeriod + ", timeout: " + timeout
                    + " (expected: 0 <= quietPeriod <= timeout)");
        }
    }
}
