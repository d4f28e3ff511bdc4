package io.sluice.channel.local;

import io.sluice.channel.spi.IoHandler;
import java.util.concurrent.locks.LockSupport;

/**
 * The wait of a loop with no sockets: a park, ended by an unpark. A wake-up that comes before the
 * loop thread is known, or between its last check and its park, is kept in {@link #wakeUpPending}
 * so the next wait returns at once, as {@link IoHandler#wakeUp()} requires.
 */
final class LocalIoHandler implements IoHandler {
    /** The loop's thread, once it first waited. */
    private volatile Thread thread;
    /** A wake-up not yet consumed by a wait. */
    private volatile boolean wakeUpPending;

    @Override
    public void waitForIo(long timeoutNanos) {
        thread = Thread.currentThread();
        if (timeoutNanos <= 0 || wakeUpPending) {
            wakeUpPending = false;
            return;
        }
        if (timeoutNanos == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        wakeUpPending = false; // a wake-up racing with this line left an unpark permit: the next park returns
    }

    @Override
    public void wakeUp() {
        wakeUpPending = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void processReady() {
        // no I/O: local channels deliver through the loop's task queue
    }
}
