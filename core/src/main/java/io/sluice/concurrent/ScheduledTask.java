package io.sluice.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A task in an executor's {@link ScheduledTaskQueue}: one-shot, fixed-rate ({@code period > 0}) or
 * fixed-delay ({@code period < 0}). Ordered by deadline, then by submission.
 */
final class ScheduledTask<V> extends PromiseTask<V> implements ScheduledFuture<V> {
    private final AbstractScheduledEventExecutor owner;
    /** Where the task runs when due: {@code null} for the owner's thread, else handed to this executor. */
    private final EventExecutor runOn;
    private final long period;
    /** Tie-breaker: submission order among equal deadlines. */
    long sequence;
    long deadlineNanos;
    /** Position in the heap, or -1 when not queued. Touched on the owner's thread only. */
    int heapIndex = -1;

    ScheduledTask(AbstractScheduledEventExecutor owner, Callable<V> callable, long deadlineNanos, long period, long sequence) {
        this(owner, null, callable, deadlineNanos, period, sequence);
    }

    /**
     * A task kept in {@code owner}'s schedule that runs on {@code runOn} when due (executors without
     * a timer of their own, such as the virtual-thread executors, schedule this way); its listeners
     * are notified on {@code runOn}.
     */
    ScheduledTask(AbstractScheduledEventExecutor owner, EventExecutor runOn, Callable<V> callable, long deadlineNanos,
            long period, long sequence) {
        super(runOn != null ? runOn : owner, callable);
        this.owner = owner;
        this.runOn = runOn;
        this.deadlineNanos = deadlineNanos;
        this.period = period;
        this.sequence = sequence;
    }

    boolean isPeriodic() {
        return period != 0;
    }

    int compareTo(ScheduledTask<?> other) {
        if (deadlineNanos != other.deadlineNanos) {
            return deadlineNanos - other.deadlineNanos < 0 ? -1 : 1;
        }
        return Long.compare(sequence, other.sequence);
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(deadlineNanos - owner.ticker().nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
        if (o instanceof ScheduledTask) {
            return compareTo((ScheduledTask<?>) o);
        }
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    /**
     * Runs once: on the owner's thread, or handed to {@code runOn} from there. A periodic task
     * re-queues itself in the owner's schedule unless it failed or was cancelled.
     */
    @Override
    public void run() {
        if (runOn != null && !runOn.inEventLoop()) {
            try {
                runOn.execute(this);
            } catch (RejectedExecutionException e) {
                tryFailure(e);
            }
            return;
        }
        if (!isPeriodic()) {
            super.run();
            return;
        }
        if (isDone()) {
            return;
        }
        try {
            callable.call();
        } catch (Throwable t) {
            tryFailure(t);
            return;
        }
        if (isDone()) {
            return;
        }
        if (owner.isShuttingDown()) {
            cancel(false); // the schedule ends with the executor; its future must not stay pending
            return;
        }
        deadlineNanos = period > 0 ? deadlineNanos + period : owner.ticker().nanoTime() - period;
        if (owner.inEventLoop()) {
            owner.reschedule(this);
        } else {
            try {
                owner.execute(() -> owner.reschedule(this));
            } catch (RejectedExecutionException e) {
                cancel(false); // the owner has shut down: the schedule ends, its future must not stay pending
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            owner.unschedule(this);
        }
        return cancelled;
    }
}
