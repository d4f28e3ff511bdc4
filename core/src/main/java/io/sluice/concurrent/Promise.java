package io.sluice.concurrent;

/**
 * A {@link Future} that its producer completes. Complete it exactly once: the {@code set*} methods
 * throw {@link IllegalStateException} if it is already done, the {@code try*} ones return false.
 *
 * @param <V> the result type
 */
public interface Promise<V> extends Future<V> {

    /** Completes successfully. @return this promise @throws IllegalStateException if already done */
    Promise<V> setSuccess(V result);

    /** Completes successfully unless already done. @return whether this call completed it */
    boolean trySuccess(V result);

    /** Fails with {@code cause}. @return this promise @throws IllegalStateException if already done */
    Promise<V> setFailure(Throwable cause);

    /** Fails with {@code cause} unless already done. @return whether this call completed it */
    boolean tryFailure(Throwable cause);

    /**
     * Makes this promise impossible to cancel from now on.
     *
     * @return true if it is not cancelled (done or not); false if it was cancelled already
     */
    boolean setUncancellable();

    @Override
    Promise<V> addListener(FutureListener<? super V> listener);

    @Override
    Promise<V> removeListener(FutureListener<? super V> listener);

    @Override
    Promise<V> sync() throws InterruptedException;

    @Override
    Promise<V> syncUninterruptibly();

    @Override
    Promise<V> await() throws InterruptedException;

    @Override
    Promise<V> awaitUninterruptibly();
}
