package io.sluice.channel.embedded;

import io.sluice.channel.EventLoop;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.AbstractScheduledEventExecutor;
import io.sluice.concurrent.DefaultPromise;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.ManualTicker;
import io.sluice.concurrent.Ticker;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The event loop of an {@link EmbeddedChannel}: no thread; the test runs its tasks. Every thread
 * counts as "in the loop", so pipeline calls run inline on the test thread. Scheduled tasks live in
 * the same scheduler the real event loops use ({@link AbstractScheduledEventExecutor}), on a
 * {@link ManualTicker} the test advances; so a periodic task ends at shutdown and a period
 * {@code <= 0} is refused, as in production.
 *
 * <p>Threads: {@link #execute} may be called from any thread; everything else (scheduling, running
 * tasks) from one thread at a time, like the channel it serves.
 */
final class EmbeddedEventLoop extends AbstractScheduledEventExecutor implements EventLoop {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ManualTicker ticker = ManualTicker.create();
    private final DefaultPromise<Void> termination = new DefaultPromise<>(null);

    ManualTicker manualTicker() {
        return ticker;
    }

    /** Runs queued tasks, including ones they queue, and the scheduled tasks that are due. */
    void runTasks() {
        for (;;) {
            Runnable task = tasks.poll();
            if (task == null) {
                task = pollDueScheduledTask(ticker.nanoTime());
                if (task == null) {
                    return;
                }
            }
            task.run();
        }
    }

    /** Returns nanoseconds until the next scheduled task, or -1 if none. */
    long nextScheduledDelayNanos() {
        return nextScheduledTaskDelayNanos();
    }

    /** Cancels every scheduled task. */
    void cancelScheduled() {
        cancelScheduledTasks();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public EventLoop next() {
        return this;
    }

    @Override
    public EventLoopGroup parent() {
        return null;
    }

    @Override
    public boolean inEventLoop() {
        return true;
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return true;
    }

    @Override
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public Future<?> shutdownGracefully() {
        return shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        termination.trySuccess(null); // first: tasks scheduled from now on are cancelled, not queued
        cancelScheduledTasks();
        return termination;
    }

    @Override
    public boolean isShuttingDown() {
        return termination.isDone();
    }

    @Override
    public boolean isTerminated() {
        return termination.isDone();
    }

    @Override
    public Future<?> terminationFuture() {
        return termination;
    }
}
