package io.sluice.concurrent;

/** A pending {@link TimerTask} of a {@link Timer}. */
public interface Timeout {

    /** Returns the timer that owns this timeout. */
    Timer timer();

    /** Returns the task to run. */
    TimerTask task();

    /** Returns whether the task has run (or is running). */
    boolean isExpired();

    /** Returns whether the timeout was cancelled. */
    boolean isCancelled();

    /** Cancels the timeout in O(1) unless it expired already. @return whether this call cancelled it */
    boolean cancel();
}
