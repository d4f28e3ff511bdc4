package io.sluice.concurrent;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs {@link TimerTask}s after a delay; built for very many cheap, mostly cancelled timeouts. */
public interface Timer {

    /**
     * Schedules {@code task} to run after {@code delay}.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the timer is stopped or holds its
     *     maximum of pending timeouts
     */
    Timeout newTimeout(TimerTask task, long delay, TimeUnit unit);

    /** Stops the timer. @return the timeouts that had not expired (they will never run) */
    Set<Timeout> stop();
}
