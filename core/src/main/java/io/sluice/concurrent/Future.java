package io.sluice.concurrent;

import java.util.concurrent.TimeUnit;

/**
 * The result of an asynchronous operation, with listeners.
 *
 * <p>Listeners run on the future's {@link #executor()} (inline when completion happens on it), in
 * the order they were added; one added after completion runs too. Waiting ({@link #sync()},
 * {@link #await()}, {@link #get()}) on an event-loop thread throws {@link BlockingOperationException}:
 * a loop that waits for work only it can do waits forever.
 *
 * @param <V> the result type
 */
public interface Future<V> extends java.util.concurrent.Future<V> {

    /** Returns whether the operation completed successfully. */
    boolean isSuccess();

    /** Returns whether {@link #cancel(boolean)} can still cancel the operation. */
    boolean isCancellable();

    /** Returns the failure cause, or {@code null} if not failed (or not done). */
    Throwable cause();

    /** Returns the result if succeeded, else {@code null}; never blocks. */
    V getNow();

    /** Returns the executor that runs this future's listeners. */
    EventExecutor executor();

    /** Adds a listener, called once when this future completes. @return this future */
    Future<V> addListener(FutureListener<? super V> listener);

    /** Removes the first occurrence of a listener that has not run yet. @return this future */
    Future<V> removeListener(FutureListener<? super V> listener);

    /**
     * Waits until done, then rethrows the failure cause if it failed (unchecked, as thrown).
     *
     * @return this future
     * @throws InterruptedException if interrupted while waiting
     */
    Future<V> sync() throws InterruptedException;

    /** Like {@link #sync()} but keeps waiting when interrupted (the flag is restored). @return this future */
    Future<V> syncUninterruptibly();

    /** Waits until done. @return this future */
    Future<V> await() throws InterruptedException;

    /** Waits until done, at most {@code timeout}. @return whether it is done */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;

    /** Waits until done, ignoring interrupts (the flag is restored). @return this future */
    Future<V> awaitUninterruptibly();

    /** Waits until done, at most {@code timeout}, ignoring interrupts. @return whether it is done */
    boolean awaitUninterruptibly(long timeout, TimeUnit unit);
}
