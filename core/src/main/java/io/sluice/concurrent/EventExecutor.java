package io.sluice.concurrent;

/**
 * One thread that runs tasks in submission order. Code that is already on that thread
 * ({@link #inEventLoop()}) may run inline; other threads hand work over with {@code execute}.
 */
public interface EventExecutor extends EventExecutorGroup {

    /** Returns the group this executor belongs to, or {@code null}. */
    EventExecutorGroup parent();

    /** Returns whether the calling thread is this executor's thread. */
    boolean inEventLoop();

    /** Returns whether {@code thread} is this executor's thread. */
    boolean inEventLoop(Thread thread);

    /** Returns the ticker this executor schedules with. */
    Ticker ticker();

    /** Returns a new promise whose listeners run on this executor. */
    <V> Promise<V> newPromise();

    /** Returns a future already completed with {@code value}. */
    <V> Future<V> newSucceededFuture(V value);

    /** Returns a future already failed with {@code cause}. */
    <V> Future<V> newFailedFuture(Throwable cause);
}
