package io.sluice.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The scheduling half of an executor: the queue of scheduled tasks, ordered by deadline on the
 * executor's {@link #ticker()}. A subclass supplies the thread ({@link #execute}, {@link #inEventLoop()})
 * and the loop, which takes due tasks with {@link #pollDueScheduledTask(long)} and bounds its wait
 * with {@link #nextScheduledTaskDelayNanos()}. {@link SingleThreadEventExecutor} and the embedded
 * channel's loop (with a {@link ManualTicker}) share this one mechanism, so a test that moves time
 * runs the scheduler production runs.
 *
 * <p><b>Threads.</b> The queue is touched on the executor's thread only: {@code schedule} from another
 * thread hands the task over with {@code execute}; cancelling from another thread does the same. A
 * task scheduled while (or after) the executor shuts down is cancelled, never left pending; a
 * periodic task ends (is cancelled) at shutdown.
 *
 * <p><b>Bad input.</b> A period or a fixed delay {@code <= 0} throws {@link IllegalArgumentException};
 * a negative initial delay counts as 0; a deadline that overflows means "never".
 */
public abstract class AbstractScheduledEventExecutor extends AbstractEventExecutor {
    /** The scheduled tasks; this executor's thread only. */
    private final ScheduledTaskQueue scheduled = new ScheduledTaskQueue();
    /** Sequence numbers: submission order among equal deadlines; this executor's thread only. */
    private long scheduleSequence;

    /** For subclasses. */
    protected AbstractScheduledEventExecutor() {}

    @Override
    <V> ScheduledTask<V> schedule0(Callable<V> callable, long delay, long period, TimeUnit unit) {
        return scheduleFor(null, callable, delay, period, unit);
    }

    /**
     * Schedules {@code callable} here and runs it on {@code runOn} when due ({@code null}: here);
     * {@code period} as in {@link ScheduledTask}. From any thread.
     */
    <V> ScheduledTask<V> scheduleFor(EventExecutor runOn, Callable<V> callable, long delay, long period,
            TimeUnit unit) {
        long delayNanos = Math.max(0, unit.toNanos(delay));
        long deadline = ticker().nanoTime() + delayNanos;
        if (deadline < 0 && delayNanos > 0) {
            deadline = Long.MAX_VALUE; // overflow: effectively never
        }
        ScheduledTask<V> task = new ScheduledTask<>(this, runOn, callable, deadline, unit.toNanos(period), 0);
        if (inEventLoop()) {
            addScheduled(task);
        } else {
            try {
                execute(() -> addScheduled(task));
            } catch (RejectedExecutionException e) {
                task.tryFailure(e);
            }
        }
        return task;
    }

    private void addScheduled(ScheduledTask<?> task) {
        if (task.isDone()) {
            return;
        }
        if (isShuttingDown()) {
            task.cancel(false);
            return;
        }
        task.sequence = scheduleSequence++;
        scheduled.add(task);
    }

    /** Puts a periodic task back after a run; on this executor's thread. */
    void reschedule(ScheduledTask<?> task) {
        scheduled.add(task);
    }

    /** Removes a cancelled task from the schedule, from any thread. */
    void unschedule(ScheduledTask<?> task) {
        if (inEventLoop()) {
            scheduled.remove(task);
        } else {
            try {
                execute(() -> scheduled.remove(task));
            } catch (RejectedExecutionException ignored) {
                // shut down: the schedule is dropped anyway
            }
        }
    }

    // ---- for the subclass's loop (on this executor's thread) -----------------------------------

    /**
     * Removes and returns the earliest task if its deadline is at or before {@code nowNanos}, else
     * returns {@code null}. Run it; a periodic task puts itself back.
     */
    protected final Runnable pollDueScheduledTask(long nowNanos) {
        ScheduledTask<?> next = scheduled.peek();
        if (next == null || next.deadlineNanos - nowNanos > 0) {
            return null;
        }
        return scheduled.poll();
    }

    /** Returns the nanoseconds until the earliest task is due: 0 if due now, -1 if none is scheduled. */
    protected final long nextScheduledTaskDelayNanos() {
        ScheduledTask<?> next = scheduled.peek();
        return next == null ? -1 : Math.max(0, next.deadlineNanos - ticker().nanoTime());
    }

    /** Returns the number of scheduled tasks. */
    protected final int scheduledTaskCount() {
        return scheduled.size();
    }

    /** Removes every scheduled task and cancels it, so no future is left pending. */
    protected final void cancelScheduledTasks() {
        for (ScheduledTask<?> task : scheduled.drain()) { // drained first: cancel() unschedules
            task.cancel(false);
        }
    }
}
