package io.sluice.concurrent;

/**
 * Decides what happens to a task a bounded executor queue cannot take. See
 * {@link RejectedExecutionHandlers} for the standard policies.
 */
@FunctionalInterface
public interface RejectedExecutionHandler {

    /**
     * Called on the submitting thread with the task that did not fit.
     *
     * @throws java.util.concurrent.RejectedExecutionException to refuse the task
     */
    void rejected(Runnable task, SingleThreadEventExecutor executor);
}
