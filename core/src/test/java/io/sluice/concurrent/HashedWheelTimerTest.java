package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timer with real time and 10 ms ticks; waits are latches with timeouts. */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class HashedWheelTimerTest {
    private final List<HashedWheelTimer> timers = new ArrayList<>();

    private HashedWheelTimer newTimer(long maxPending) {
        HashedWheelTimer timer = HashedWheelTimer.builder().tickDuration(10, TimeUnit.MILLISECONDS)
                .ticksPerWheel(16).maxPendingTimeouts(maxPending).build();
        timers.add(timer);
        return timer;
    }

    private HashedWheelTimer newTimer() {
        return newTimer(1_000_000);
    }

    @AfterEach
    void stopTimers() {
        for (HashedWheelTimer timer : timers) {
            timer.stop(); // joins the worker; a second stop is harmless
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "timer task did not run in time");
    }

    @Test
    void tasksRunNotBeforeTheirDelay() throws Exception {
        HashedWheelTimer timer = newTimer();
        long[] delaysMillis = {0, 5, 10, 25, 60, 200, 330}; // 330 ms: more than one turn of 16 x 10 ms
        CountDownLatch all = new CountDownLatch(delaysMillis.length);
        long[] lateness = new long[delaysMillis.length];
        List<Timeout> timeouts = new ArrayList<>();
        for (int i = 0; i < delaysMillis.length; i++) {
            int n = i;
            long start = System.nanoTime();
            long delay = TimeUnit.MILLISECONDS.toNanos(delaysMillis[i]);
            timeouts.add(timer.newTimeout(t -> {
                lateness[n] = System.nanoTime() - start - delay;
                all.countDown();
            }, delaysMillis[i], TimeUnit.MILLISECONDS));
        }
        await(all);
        for (int i = 0; i < delaysMillis.length; i++) {
            assertTrue(lateness[i] >= 0, "ran " + (-lateness[i]) + " ns early, delay " + delaysMillis[i] + " ms");
            assertTrue(timeouts.get(i).isExpired());
            assertFalse(timeouts.get(i).isCancelled());
            assertSame(timer, timeouts.get(i).timer());
        }
        assertEquals(0, timer.pendingTimeouts());
    }

    @Test
    void cancelPreventsRunningAndDecrementsPending() throws Exception {
        HashedWheelTimer timer = newTimer();
        AtomicBoolean ran = new AtomicBoolean();
        Timeout cancelled = timer.newTimeout(t -> ran.set(true), 50, TimeUnit.MILLISECONDS);
        Timeout cancelledAtOnce = timer.newTimeout(t -> ran.set(true), 0, TimeUnit.MILLISECONDS);
        assertTrue(cancelledAtOnce.cancel());
        assertEquals(1, timer.pendingTimeouts());
        assertTrue(cancelled.cancel());
        assertFalse(cancelled.cancel());
        assertTrue(cancelled.isCancelled());
        assertEquals(0, timer.pendingTimeouts());
        CountDownLatch later = new CountDownLatch(1);
        timer.newTimeout(t -> later.countDown(), 120, TimeUnit.MILLISECONDS);
        await(later); // runs after the cancelled ones were due
        assertFalse(ran.get(), "a cancelled timeout ran");
        assertFalse(cancelled.isExpired());
        assertEquals(0, timer.pendingTimeouts());
    }

    @Test
    void cannotCancelAnExpiredTimeout() throws Exception {
        HashedWheelTimer timer = newTimer();
        CountDownLatch ran = new CountDownLatch(1);
        Timeout t = timer.newTimeout(x -> ran.countDown(), 1, TimeUnit.MILLISECONDS);
        await(ran);
        assertFalse(t.cancel());
        assertTrue(t.isExpired());
        assertEquals(0, timer.pendingTimeouts());
    }

    @Test
    void maxPendingTimeoutsRejectsNamingTheLimit() {
        HashedWheelTimer timer = newTimer(2);
        Timeout first = timer.newTimeout(t -> {}, 10, TimeUnit.SECONDS);
        timer.newTimeout(t -> {}, 10, TimeUnit.SECONDS);
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                () -> timer.newTimeout(t -> {}, 10, TimeUnit.SECONDS));
        assertTrue(e.getMessage().contains("maxPendingTimeouts") && e.getMessage().contains("2"), e.getMessage());
        assertEquals(2, timer.pendingTimeouts());
        first.cancel();
        assertNotNull(timer.newTimeout(t -> {}, 10, TimeUnit.SECONDS), "room again after a cancel");
        assertEquals(2, timer.pendingTimeouts());
        assertThrows(IllegalArgumentException.class, () -> HashedWheelTimer.builder().maxPendingTimeouts(0));
    }

    @Test
    void nullTaskThrowsNpe() {
        HashedWheelTimer timer = newTimer();
        assertThrows(NullPointerException.class, () -> timer.newTimeout(null, 1, TimeUnit.SECONDS));
        assertEquals(0, timer.pendingTimeouts());
    }

    @Test
    void stopReturnsUnexpiredTimeoutsAndRejectsLaterOnes() throws Exception {
        HashedWheelTimer timer = newTimer();
        CountDownLatch expiredRan = new CountDownLatch(1);
        Timeout expired = timer.newTimeout(t -> expiredRan.countDown(), 0, TimeUnit.MILLISECONDS);
        await(expiredRan);
        Timeout a = timer.newTimeout(t -> {}, 10, TimeUnit.SECONDS);
        Timeout b = timer.newTimeout(t -> {}, 1, TimeUnit.HOURS);
        Timeout c = timer.newTimeout(t -> {}, 10, TimeUnit.SECONDS);
        assertTrue(c.cancel());
        Set<Timeout> left = timer.stop();
        assertEquals(Set.of(a, b), left);
        assertFalse(left.contains(expired));
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                () -> timer.newTimeout(t -> {}, 1, TimeUnit.SECONDS));
        assertNotNull(e.getMessage());
        timer.stop(); // a second stop does not throw
    }

    @Test
    void stopFromATimerTaskThrows() throws Exception {
        HashedWheelTimer timer = newTimer();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        timer.newTimeout(t -> {
            try {
                t.timer().stop();
            } catch (Throwable e) {
                thrown.set(e);
            } finally {
                done.countDown();
            }
        }, 1, TimeUnit.MILLISECONDS);
        await(done);
        assertInstanceOf(IllegalStateException.class, thrown.get());
        CountDownLatch stillRunning = new CountDownLatch(1);
        timer.newTimeout(t -> stillRunning.countDown(), 1, TimeUnit.MILLISECONDS);
        await(stillRunning);
    }

    @Test
    void throwingTaskDoesNotStopTheTimer() throws Exception {
        HashedWheelTimer timer = newTimer();
        CountDownLatch threw = new CountDownLatch(1);
        timer.newTimeout(t -> {
            threw.countDown();
            throw new IllegalStateException("timer task failure (expected in this test)");
        }, 1, TimeUnit.MILLISECONDS);
        await(threw);
        CountDownLatch after = new CountDownLatch(1);
        timer.newTimeout(t -> after.countDown(), 20, TimeUnit.MILLISECONDS);
        await(after);
        assertEquals(0, timer.pendingTimeouts());
    }

    @Test
    void manyTimeoutsFromSeveralThreads() throws Exception {
        HashedWheelTimer timer = newTimer();
        int perThread = 5_000;
        CountDownLatch all = new CountDownLatch(4 * perThread);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    timer.newTimeout(x -> all.countDown(), i % 50, TimeUnit.MILLISECONDS);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        await(all);
        assertEquals(0, timer.pendingTimeouts());
    }

    @Test
    void aDelayOfLongMaxValueNanosNeverFires() throws Exception {
        ManualTicker ticker = ManualTicker.create();
        HashedWheelTimer timer = HashedWheelTimer.builder().tickDuration(10, TimeUnit.MILLISECONDS)
                .ticksPerWheel(16).ticker(ticker).build();
        timers.add(timer);
        ticker.advance(5, TimeUnit.MILLISECONDS); // past the wheel's start, Long.MAX_VALUE ns more wraps round
        AtomicBoolean fired = new AtomicBoolean();
        Timeout never = timer.newTimeout(t -> fired.set(true), Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        Timeout alsoNever = timer.newTimeout(t -> fired.set(true), Long.MAX_VALUE, TimeUnit.DAYS);
        CountDownLatch later = new CountDownLatch(1);
        timer.newTimeout(t -> later.countDown(), 30, TimeUnit.MILLISECONDS);
        ticker.advance(100, TimeUnit.MILLISECONDS); // ten ticks: the 30 ms timeout expires, on its tick
        await(later);
        assertFalse(fired.get(), "a timeout of Long.MAX_VALUE ns fired");
        assertFalse(never.isExpired());
        assertFalse(alsoNever.isExpired());
        assertEquals(2, timer.pendingTimeouts());
        assertEquals(Set.of(never, alsoNever), timer.stop());
    }

    @Test
    void aTimeoutAddedWhileTheTimerStopsIsReturnedByStopOrRejected() throws Exception {
        CountDownLatch adderInside = new CountDownLatch(1);
        CountDownLatch releaseAdder = new CountDownLatch(1);
        AtomicReference<Thread> adderThread = new AtomicReference<>();
        Ticker ticker = () -> {
            if (Thread.currentThread() == adderThread.get()) {
                // inside newTimeout, past its state check: hold the adder here while the timer stops
                adderInside.countDown();
                try {
                    releaseAdder.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return System.nanoTime();
        };
        HashedWheelTimer timer = HashedWheelTimer.builder().tickDuration(10, TimeUnit.MILLISECONDS)
                .ticksPerWheel(16).ticker(ticker).build();
        timers.add(timer);
        AtomicReference<Object> added = new AtomicReference<>();
        Thread adder = new Thread(() -> {
            try {
                added.set(timer.newTimeout(t -> { }, 1, TimeUnit.HOURS));
            } catch (RejectedExecutionException e) {
                added.set(e);
            }
        }, "adder");
        adderThread.set(adder);
        adder.start();
        await(adderInside);
        AtomicReference<Set<Timeout>> left = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            left.set(timer.stop());
            stopped.countDown();
        }, "stopper");
        stopper.start();
        // without the guard, stop() returns now, before the adder offers its timeout (which is then
        // lost); with it, stop() waits for the adder. Either way, let the adder go on after a while
        stopped.await(300, TimeUnit.MILLISECONDS);
        releaseAdder.countDown();
        adder.join(10_000);
        await(stopped);
        Object result = added.get();
        assertNotNull(result);
        if (result instanceof Timeout timeout) {
            assertTrue(left.get().contains(timeout), "a timeout added while stopping was neither run, rejected "
                    + "nor returned by stop(): " + left.get());
        } else {
            assertInstanceOf(RejectedExecutionException.class, result);
        }
    }
}
