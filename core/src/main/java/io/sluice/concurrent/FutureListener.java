package io.sluice.concurrent;

/**
 * Called when a {@link Future} completes, on the future's executor. An exception it throws is
 * logged and does not stop the other listeners.
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface FutureListener<V> {

    /** Called once with the completed future. */
    void operationComplete(Future<? extends V> future) throws Exception;
}
