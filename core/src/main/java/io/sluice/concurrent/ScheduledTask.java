package io.sluice.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A task in an executor's {@link ScheduledTaskQueue}: one-shot, fixed-rate ({@code period > 0}) or
 * fixed-delay ({@code period < 0}). Ordered by deadline, then by submission.
 */
final class ScheduledTask<V> extends PromiseTask<V> implements ScheduledFuture<V> {
    private final AbstractScheduledEventExecutor owner;
    private final long period;
    /** Tie-breaker: submission order among equal deadlines. */
    long sequence;
    long deadlineNanos;
    /** Position in the heap, or -1 when not queued. Touched on the owner's thread only. */
    int heapIndex = -1;

    ScheduledTask(AbstractScheduledEventExecutor owner, Callable<V> callable, long deadlineNanos, long period, long sequence) {
        super(owner, callable);
        this.owner = owner;
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

    /** Runs once; on the owner's thread. A periodic task re-queues itself unless it failed or was cancelled. */
    @Override
    public void run() {
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
        owner.reschedule(this);
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
