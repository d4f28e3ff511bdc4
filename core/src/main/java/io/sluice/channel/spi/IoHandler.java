package io.sluice.channel.spi;

/**
 * What a transport plugs into an {@link IoEventLoop}: how to wait for I/O, how to interrupt that
 * wait, and how to process what became ready. Every method but {@link #wakeUp()} runs on the
 * loop's thread.
 */
public interface IoHandler {

    /**
     * Waits until I/O is ready, {@link #wakeUp()} is called, or {@code timeoutNanos} passed;
     * {@code 0} means check without waiting, {@code Long.MAX_VALUE} means no timeout.
     */
    void waitForIo(long timeoutNanos) throws Exception;

    /** Makes a concurrent or the next {@link #waitForIo(long)} return at once. From any thread. */
    void wakeUp();

    /** Processes the I/O found ready by the last wait. */
    void processReady() throws Exception;

    /**
     * Called when the loop begins a graceful shutdown, again on each turn until it ends, and once more
     * after its last tasks from other threads: close what is open, including channels registered
     * since the last call (during the quiet period). Must be idempotent.
     */
    default void prepareToShutdown() {}

    /** Called once after the loop's last task: release resources (e.g. close the selector). */
    default void destroy() {}
}
