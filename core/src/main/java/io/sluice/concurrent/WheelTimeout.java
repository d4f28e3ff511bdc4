package io.sluice.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A {@link Timeout} of a {@link HashedWheelTimer}; a node of one {@link TimerWheel} bucket. */
final class WheelTimeout implements Timeout {
    static final int PENDING = 0;
    static final int CANCELLED = 1;
    static final int EXPIRED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WheelTimeout.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HashedWheelTimer timer;
    private final TimerTask task;
    final long deadlineNanos;
    private volatile int state = PENDING;
    // wheel links: touched by the timer's thread only
    long remainingRounds;
    int bucket = -1;
    WheelTimeout prev;
    WheelTimeout next;

    WheelTimeout(HashedWheelTimer timer, TimerTask task, long deadlineNanos) {
        this.timer = timer;
        this.task = task;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public Timer timer() {
        return timer;
    }

    @Override
    public TimerTask task() {
        return task;
    }

    @Override
    public boolean isExpired() {
        return state == EXPIRED;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    @Override
    public boolean cancel() {
        if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
            return false;
        }
        timer.cancelled(this);
        return true;
    }

    /** Marks expired. @return false if it was cancelled first */
    boolean expire() {
        return STATE.compareAndSet(this, PENDING, EXPIRED);
    }

    @Override
    public String toString() {
        return "WheelTimeout(" + (state == PENDING ? "pending" : state == CANCELLED ? "cancelled" : "expired")
                + ", task: " + task + ")";
    }
}
