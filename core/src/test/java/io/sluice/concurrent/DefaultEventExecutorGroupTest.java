package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Groups, round-robin, bounded queues and their rejection policies. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DefaultEventExecutorGroupTest {
    private final List<EventExecutorGroup> toShutDown = new ArrayList<>();

    private <T extends EventExecutorGroup> T track(T group) {
        toShutDown.add(group);
        return group;
    }

    @AfterEach
    void shutDownAll() throws InterruptedException {
        for (EventExecutorGroup g : toShutDown) {
            g.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
        for (EventExecutorGroup g : toShutDown) {
            assertTrue(g.terminationFuture().await(10, TimeUnit.SECONDS), g + " did not terminate");
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "latch not released in time");
    }

    /** Queues a task that signals {@code started} and then blocks until {@code release}. */
    private static void block(EventExecutor e, CountDownLatch started, CountDownLatch release)
            throws InterruptedException {
        e.execute(() -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        await(started);
    }

    /** 16: the limit of the issue; 2048: a power of two above the queue's chunk size. */
    @ParameterizedTest
    @ValueSource(ints = {16, 2048})
    void boundedQueueRejectsTheTaskPastTheLimit(int limit) throws Exception {
        DefaultEventExecutorGroup group = track(DefaultEventExecutorGroup.create(1, "p", limit,
                RejectedExecutionHandlers.reject()));
        DefaultEventExecutor e = group.next();
        assertEquals(limit, e.maxPendingTasks());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        block(e, started, release); // dequeued and running: the queue is empty
        CountDownLatch ran = new CountDownLatch(limit);
        try {
            for (int i = 0; i < limit; i++) {
                e.execute(ran::countDown);
            }
            assertEquals(limit, e.pendingTasks());
            RejectedExecutionException r = assertThrows(RejectedExecutionException.class,
                    () -> e.execute(ran::countDown));
            assertTrue(r.getMessage().contains("(expected: at most maxPendingTasks " + limit + ")"), r.getMessage());
            assertThrows(RejectedExecutionException.class, () -> e.execute(ran::countDown));
            Future<?> submitted = e.submit(() -> {});
            assertTrue(submitted.isDone() && submitted.cause() instanceof RejectedExecutionException,
                    submitted::toString);
        } finally {
            release.countDown();
        }
        await(ran); // every accepted task runs once the loop drains
        assertEquals(0, ran.getCount());
    }

    /** The bound is rounded up to a power of two (documented), and maxPendingTasks() says so. */
    @ParameterizedTest
    @ValueSource(ints = {17, 100, 1025, 2000})
    void boundedQueueLimitIsRoundedUpToAPowerOfTwo(int requested) throws Exception {
        DefaultEventExecutorGroup group = track(DefaultEventExecutorGroup.create(1, "p", requested,
                RejectedExecutionHandlers.reject()));
        DefaultEventExecutor e = group.next();
        int limit = e.maxPendingTasks();
        assertEquals(Integer.highestOneBit(requested - 1) << 1, limit);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        block(e, started, release);
        int accepted = 0;
        try {
            for (int i = 0; i < limit + 100; i++) {
                e.execute(() -> {});
                accepted++;
            }
        } catch (RejectedExecutionException expected) {
            assertTrue(expected.getMessage().contains("(expected: at most maxPendingTasks " + limit + ")"),
                    expected.getMessage());
        } finally {
            release.countDown();
        }
        assertEquals(limit, accepted, "tasks accepted by a queue bounded at " + limit);
    }

    @Test
    void unboundedQueue() {
        DefaultEventExecutorGroup group = track(DefaultEventExecutorGroup.create(1));
        assertEquals(Integer.MAX_VALUE, group.next().maxPendingTasks());
    }

    @Test
    void rejectsALimitBelowSixteen() {
        assertThrows(IllegalArgumentException.class,
                () -> DefaultEventExecutorGroup.create(1, "p", 15, RejectedExecutionHandlers.reject()));
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 2048})
    void backoffLetsAProducerSucceedOnceTheLoopDrains(int limit) throws Exception {
        DefaultEventExecutorGroup group = track(DefaultEventExecutorGroup.create(1, "p", limit,
                RejectedExecutionHandlers.backoff(10_000, 1, TimeUnit.MILLISECONDS)));
        DefaultEventExecutor e = group.next();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        block(e, started, release);
        CountDownLatch extraRan = new CountDownLatch(1);
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                e.execute(extraRan::countDown);
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "backoff-producer");
        try {
            for (int i = 0; i < limit; i++) {
                e.execute(() -> {});
            }
            producer.start();
            // wait (bounded) until the producer is backing off; nothing can signal this
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (producer.getState() != Thread.State.TIMED_WAITING && producer.isAlive()
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            assertTrue(producer.isAlive(), () -> "the producer did not back off: " + producerFailure.get());
        } finally {
            release.countDown();
        }
        producer.join(10_000);
        assertFalse(producer.isAlive());
        assertNull(producerFailure.get());
        await(extraRan);
    }

    @Test
    void backoffGivesUpAfterItsRetries() throws Exception {
        DefaultEventExecutorGroup group = track(DefaultEventExecutorGroup.create(1, "p", 2048,
                RejectedExecutionHandlers.backoff(3, 1, TimeUnit.MILLISECONDS)));
        DefaultEventExecutor e = group.next();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        block(e, started, release);
        try {
            for (int i = 0; i < 2048; i++) {
                e.execute(() -> {});
            }
            RejectedExecutionException r = assertThrows(RejectedExecutionException.class, () -> e.execute(() -> {}));
            assertTrue(r.getMessage().contains("2048"), r.getMessage());
        } finally {
            release.countDown();
        }
        assertThrows(IllegalArgumentException.class, () -> RejectedExecutionHandlers.backoff(0, 1, TimeUnit.SECONDS));
    }

    @Test
    void nextIsRoundRobin() {
        for (int count : new int[] {1, 3, 4}) {
            DefaultEventExecutorGroup group = track(DefaultEventExecutorGroup.create(count));
            assertEquals(count, group.executorCount());
            Set<EventExecutor> all = new HashSet<>();
            group.forEach(all::add);
            assertEquals(count, all.size());
            List<EventExecutor> picked = new ArrayList<>();
            for (int i = 0; i < 3 * count; i++) {
                picked.add(group.next());
            }
            assertEquals(all, new HashSet<>(picked.subList(0, count)), "first round covers all, count " + count);
            for (int i = count; i < picked.size(); i++) {
                assertSame(picked.get(i - count), picked.get(i), "round-robin, count " + count);
            }
            for (EventExecutor child : group) {
                assertSame(group, child.parent());
                assertSame(child, child.next());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> DefaultEventExecutorGroup.create(0));
    }

    @Test
    void groupShutdownTerminatesEveryExecutor() throws Exception {
        DefaultEventExecutorGroup group = DefaultEventExecutorGroup.create(3);
        for (EventExecutor child : group) {
            assertTrue(child.submit(() -> {}).await(10, TimeUnit.SECONDS));
        }
        Future<?> termination = group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertSame(group.terminationFuture(), termination);
        assertTrue(group.isShuttingDown());
        assertTrue(termination.await(10, TimeUnit.SECONDS));
        assertTrue(termination.isSuccess());
        assertTrue(group.isTerminated());
        for (EventExecutor child : group) {
            assertTrue(child.isTerminated());
        }
        assertThrows(RejectedExecutionException.class, () -> group.execute(() -> {}));
    }
}
