package io.sluice.benchmarks.concurrent;

import io.sluice.channel.spi.IoHandler;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@link IoHandler} with no I/O: its wait is a park, its wake-up an unpark. It lets the
 * benchmarks see what the {@link io.sluice.channel.spi.IoEventLoop} base adds over a plain executor.
 *
 * <p>A wake-up that arrives before the loop thread is known (or between the loop's last check and
 * its park) is remembered in {@link #wakeUpPending}, so that the next wait returns at once, as the
 * {@link IoHandler#wakeUp()} contract asks.
 */
final class ParkingIoHandler implements IoHandler {
    private volatile Thread thread;
    private volatile boolean wakeUpPending;
    /** Calls of {@link #wakeUp()}; a diagnostic, printed at tear-down. */
    final AtomicLong wakeUps = new AtomicLong();
    /** Waits with a non-zero timeout (the loop had nothing to do); loop thread only. */
    long blockingWaits;

    @Override
    public void waitForIo(long timeoutNanos) {
        if (thread == null) {
            thread = Thread.currentThread();
        }
        if (timeoutNanos <= 0) {
            wakeUpPending = false;
            return;
        }
        if (wakeUpPending) {
            wakeUpPending = false;
            return;
        }
        blockingWaits++;
        if (timeoutNanos == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        // a wake-up racing with this line leaves an unpark permit: the next park returns at once
        wakeUpPending = false;
    }

    @Override
    public void wakeUp() {
        wakeUps.getAndIncrement();
        wakeUpPending = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void processReady() {
        // no I/O
    }
}
