package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.internal.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads waiting on a promise: parked in a stack the completer empties (no monitor, so no pinned carrier). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DefaultPromiseWaitTest {

    /** Starts {@code n} threads from {@code threads} that each await {@code promise}; returns once all wait. */
    private static List<Thread> waiters(ThreadFactory threads, int n, Promise<String> promise, AtomicInteger woken,
            CountDownLatch done) {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = threads.newThread(() -> {
                try {
                    if (i0(promise)) {
                        woken.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.start();
            started.add(t);
        }
        for (Thread t : started) {
            while (t.getState() != Thread.State.WAITING && t.isAlive()) {
                Thread.onSpinWait(); // bounded by the class timeout
            }
        }
        return started;
    }

    private static boolean i0(Promise<String> promise) throws InterruptedException {
        return "done".equals(promise.await().getNow());
    }

    @Test
    void completionWakesEveryWaitingPlatformThread() throws Exception {
        Promise<String> promise = new DefaultPromise<>(null);
        AtomicInteger woken = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(8);
        waiters(Thread::new, 8, promise, woken, done);
        promise.setSuccess("done");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(8, woken.get());
    }

    @Test
    void thousandsOfVirtualThreadsWaitWithoutHoldingCarriers() throws Exception {
        assumeTrue(VirtualThreads.isSupported(), "virtual threads need JDK 21+; this run is on JDK "
                + Runtime.version().feature());
        Promise<String> promise = new DefaultPromise<>(null);
        AtomicInteger woken = new AtomicInteger();
        int n = 2_000; // far more than carrier threads: a waiter that pinned its carrier would stall the rest
        CountDownLatch done = new CountDownLatch(n);
        waiters(VirtualThreads.factory("waiter"), n, promise, woken, done);
        promise.setSuccess("done");
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(n, woken.get());
    }

    @Test
    void timedWaitsThatExpireLeaveAndALaterWaitIsStillWoken() throws Exception {
        Promise<String> promise = new DefaultPromise<>(null);
        for (int i = 0; i < 1_000; i++) {
            assertFalse(promise.await(1, TimeUnit.NANOSECONDS));
        }
        assertFalse(promise.await(1, TimeUnit.MILLISECONDS));
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger woken = new AtomicInteger();
        waiters(Thread::new, 1, promise, woken, done);
        promise.setSuccess("done");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, woken.get());
        assertTrue(promise.await(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void anInterruptedWaiterLeavesWithInterruptedExceptionAndOthersStillWake() throws Exception {
        Promise<String> promise = new DefaultPromise<>(null);
        AtomicInteger woken = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        List<Thread> threads = waiters(Thread::new, 3, promise, woken, done);
        threads.get(1).interrupt();
        threads.get(1).join(10_000);
        assertFalse(threads.get(1).isAlive());
        promise.setSuccess("done");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(2, woken.get());
    }

    @Test
    void awaitUninterruptiblyKeepsTheInterruptFlag() throws Exception {
        Promise<String> promise = new DefaultPromise<>(null);
        Thread.currentThread().interrupt();
        try {
            assertFalse(promise.awaitUninterruptibly(1, TimeUnit.MILLISECONDS));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> promise.await(1, TimeUnit.SECONDS));
    }
}
