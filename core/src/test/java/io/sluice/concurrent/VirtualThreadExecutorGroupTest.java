package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.internal.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The virtual-thread executor group. On JDK 17-20 only the unavailability is tested; the rest runs where
 * the JDK has virtual threads (CI runs this class on JDK 25 as well).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadExecutorGroupTest {
    private VirtualThreadExecutorGroup group;

    private VirtualThreadExecutorGroup group() {
        assumeTrue(VirtualThreadExecutorGroup.isAvailable(),
                "virtual threads need JDK 21+; this run is on JDK " + Runtime.version().feature());
        group = VirtualThreadExecutorGroup.create("test-virtual");
        return group;
    }

    @AfterEach
    void shutDown() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unavailableBeforeJdk21SaysWhichJdkItNeeds() {
        assumeFalse(VirtualThreads.isSupported(), "this JDK has virtual threads");
        assertFalse(VirtualThreadExecutorGroup.isAvailable());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                VirtualThreadExecutorGroup::create);
        assertTrue(e.getMessage().contains("JDK 21 or later"), e.getMessage());
        assertTrue(e.getMessage().contains("JDK " + Runtime.version().feature()), e.getMessage());
    }

    @Test
    void availableFromJdk21() {
        assertEquals(Runtime.version().feature() >= 21, VirtualThreadExecutorGroup.isAvailable());
    }

    @Test
    void eachExecutorRunsItsTasksInOrderOneAtATimeOnVirtualThreads() throws Exception {
        VirtualThreadExecutorGroup g = group();
        int executors = 200;
        int tasksEach = 200;
        CountDownLatch done = new CountDownLatch(executors);
        List<List<Integer>> seen = new ArrayList<>();
        AtomicInteger violations = new AtomicInteger();
        for (int e = 0; e < executors; e++) {
            EventExecutor executor = g.next();
            List<Integer> order = new ArrayList<>(); // touched only by the executor's tasks: no lock needed
            seen.add(order);
            AtomicBoolean inside = new AtomicBoolean();
            for (int t = 0; t < tasksEach; t++) {
                int n = t;
                executor.execute(() -> {
                    if (!inside.compareAndSet(false, true) || !executor.inEventLoop()
                            || !VirtualThreads.isVirtual(Thread.currentThread())) {
                        violations.incrementAndGet();
                    }
                    if (n % 50 == 0) {
                        LockSupport.parkNanos(100_000); // blocks: the virtual thread unmounts
                    }
                    order.add(n);
                    inside.set(false);
                    if (n == tasksEach - 1) {
                        done.countDown();
                    }
                });
            }
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, violations.get(), "a task ran concurrently with another of its executor or off its thread");
        for (List<Integer> order : seen) {
            for (int t = 0; t < tasksEach; t++) {
                assertEquals(t, order.get(t));
            }
        }
    }

    @Test
    void aBlockedExecutorDoesNotHoldUpAnother() throws Exception {
        VirtualThreadExecutorGroup g = group();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        EventExecutor slow = g.next();
        slow.execute(() -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        Future<String> other = g.next().submit(() -> "ran");
        assertEquals("ran", other.get(10, TimeUnit.SECONDS));
        Future<String> behind = slow.submit(() -> "after");
        assertFalse(behind.isDone(), "the slow executor's next task waits for its blocked one");
        release.countDown();
        assertEquals("after", behind.get(10, TimeUnit.SECONDS));
    }

    @Test
    void nextMakesAnExecutorPerCallThatHoldsNoThreadWhileIdle() throws Exception {
        VirtualThreadExecutorGroup g = group();
        EventExecutor a = g.next();
        EventExecutor b = g.next();
        assertNotSame(a, b);
        assertSame(a, a.next());
        assertSame(g, a.parent());
        assertFalse(a.inEventLoop());
        assertEquals(0, g.executorCount());
        assertEquals(Boolean.TRUE, a.submit((Callable<Boolean>) a::inEventLoop).get(10, TimeUnit.SECONDS));
        assertFalse(g.iterator().hasNext());
        // once its tasks ran, the executor's thread ends: termination (which waits for running threads) proves it
        g.shutdownGracefully(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertEquals(0, g.executorCount());
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheExecutor() throws Exception {
        EventExecutor executor = group().next();
        executor.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        assertEquals(1, executor.submit(() -> 1).get(10, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> executor.submit(() -> {
            throw new IllegalStateException("failed task");
        }).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void waitingOnOwnFutureFromTheExecutorThrowsInsteadOfDeadlocking() throws Exception {
        EventExecutor executor = group().next();
        Future<Throwable> outcome = executor.submit((Callable<Throwable>) () -> {
            Promise<Void> own = executor.newPromise();
            try {
                own.await(1, TimeUnit.SECONDS);
                return null;
            } catch (BlockingOperationException expected) {
                return expected;
            }
        });
        assertInstanceOf(BlockingOperationException.class, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void scheduledTasksRunOnTheirExecutorsVirtualThread() throws Exception {
        EventExecutor executor = group().next();
        Callable<Boolean> onItsThread = executor::inEventLoop;
        ScheduledFuture<Boolean> once = executor.schedule(onItsThread, 10, TimeUnit.MILLISECONDS);
        assertEquals(Boolean.TRUE, once.get(10, TimeUnit.SECONDS));

        CountDownLatch fiveRuns = new CountDownLatch(5);
        AtomicInteger offThread = new AtomicInteger();
        ScheduledFuture<?> periodic = executor.scheduleAtFixedRate(() -> {
            if (!executor.inEventLoop()) {
                offThread.incrementAndGet();
            }
            fiveRuns.countDown();
        }, 0, 5, TimeUnit.MILLISECONDS);
        assertTrue(fiveRuns.await(10, TimeUnit.SECONDS));
        assertTrue(periodic.cancel(false));
        assertTrue(periodic.isCancelled());
        assertEquals(0, offThread.get());

        ScheduledFuture<?> never = executor.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertTrue(never.cancel(false));
    }

    @Test
    void shutdownWaitsForRunningTasksThenRejectsAndCancelsTheSchedule() throws Exception {
        VirtualThreadExecutorGroup g = group();
        EventExecutor executor = g.next();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> running = executor.submit(() -> {
            started.countDown();
            release.await();
            return "finished";
        });
        ScheduledFuture<?> later = executor.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Future<?> termination = g.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(g.isShuttingDown());
        assertFalse(termination.isDone(), "a task is still running");
        release.countDown();
        assertEquals("finished", running.get(10, TimeUnit.SECONDS));
        termination.get(10, TimeUnit.SECONDS);
        assertTrue(g.isTerminated());
        assertTrue(later.isDone(), "the schedule ends with the group");
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> g.next().execute(() -> { }));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> executor.submit(() -> 1).get(1, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }
}
