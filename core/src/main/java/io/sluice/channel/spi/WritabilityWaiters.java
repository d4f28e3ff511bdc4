package io.sluice.channel.spi;

import io.sluice.channel.Channel;
import io.sluice.concurrent.BlockingOperationException;
import io.sluice.internal.EventLoopThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads blocked in {@link Channel#awaitWritable(long, TimeUnit)} of one channel, woken when it turns
 * writable or closes.
 *
 * <p><b>Threading.</b> A waiter publishes itself in {@link #waiting} and then reads the channel's
 * writability; the channel publishes a change of writability and then reads {@link #waiting} (both volatile),
 * so at least one side sees the other and no wake-up is lost. The channel takes the lock only when someone
 * waits, so the event loop pays nothing otherwise. A {@link ReentrantLock}, not a monitor: a virtual thread
 * waiting here unmounts from its carrier on every JDK.
 */
final class WritabilityWaiters {
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Threads in {@link #await}. */
    private volatile int waiting;
    /** Whether the close listener is in place; under {@link #lock}. */
    private boolean closeHooked;

    WritabilityWaiters(Channel channel) {
        this.channel = channel;
    }

    /** See {@link Channel#awaitWritable(long, TimeUnit)}. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (channel.isWritable()) {
            return true;
        }
        Thread current = Thread.currentThread();
        if (current instanceof EventLoopThread loop && loop.forbidsBlocking()) {
            throw new BlockingOperationException("awaitWritable: an I/O event loop must not block: " + current.getName()
                    + " (expected: a worker, virtual or application thread)");
        }
        long remainingNanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            waiting++;
            if (!closeHooked) {
                closeHooked = true;
                channel.closeFuture().addListener(f -> signal());
            }
            while (!channel.isWritable()) {
                if (!channel.isOpen() || remainingNanos <= 0) {
                    return false;
                }
                remainingNanos = changed.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    /** Wakes every waiter if there is any; from any thread, after the channel turned writable or closed. */
    void signal() {
        if (waiting > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
