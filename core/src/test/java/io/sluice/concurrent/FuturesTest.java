package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FuturesTest {

    private static DefaultPromise<String> promise() {
        return new DefaultPromise<>(null);
    }

    @Test
    void emptyIsSucceeded() {
        Future<Void> all = Futures.allOf(null);
        assertTrue(all.isSuccess());
        assertTrue(Futures.allOf(null, List.of()).isSuccess());
    }

    @Test
    void succeedsWhenAllDo() {
        DefaultPromise<String> a = promise();
        DefaultPromise<String> b = promise();
        DefaultPromise<String> c = promise();
        Future<Void> all = Futures.allOf(null, a, b, c);
        a.setSuccess("a");
        c.setSuccess("c");
        assertFalse(all.isDone(), "done before every future completed");
        b.setSuccess("b");
        assertTrue(all.isSuccess());
    }

    @Test
    void alreadyCompletedFuturesCount() {
        DefaultPromise<String> a = promise();
        a.setSuccess("a");
        DefaultPromise<String> b = promise();
        Future<Void> all = Futures.allOf(null, a, b);
        assertFalse(all.isDone());
        b.setSuccess("b");
        assertTrue(all.isSuccess());
    }

    @Test
    void failsWithTheFirstCauseOthersSuppressed() {
        DefaultPromise<String> a = promise();
        DefaultPromise<String> b = promise();
        DefaultPromise<String> c = promise();
        DefaultPromise<String> d = promise();
        Future<Void> all = Futures.allOf(null, a, b, c, d);
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        b.setFailure(first);
        assertFalse(all.isDone(), "completed before every future did");
        a.setSuccess("a");
        d.setFailure(second);
        c.cancel(false);
        assertTrue(all.isDone());
        assertSame(first, all.cause());
        Throwable[] suppressed = first.getSuppressed();
        assertEquals(2, suppressed.length);
        assertSame(second, suppressed[0]);
        assertInstanceOf(java.util.concurrent.CancellationException.class, suppressed[1]);
    }

    @Test
    void sameCauseTwiceIsNotSuppressedIntoItself() {
        DefaultPromise<String> a = promise();
        DefaultPromise<String> b = promise();
        Future<Void> all = Futures.allOf(null, List.of(a, b));
        IOException shared = new IOException("shared");
        a.setFailure(shared);
        b.setFailure(shared);
        assertSame(shared, all.cause());
        assertArrayEquals(new Throwable[0], shared.getSuppressed());
    }

    @Test
    void listenersOfTheResultRunOnTheGivenExecutor() throws Exception {
        DefaultEventExecutor executor = DefaultEventExecutor.create("futures");
        try {
            List<DefaultPromise<String>> promises = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                promises.add(promise());
            }
            Future<Void> all = Futures.allOf(executor, promises);
            assertSame(executor, all.executor());
            CountDownLatch notified = new CountDownLatch(1);
            AtomicReference<Boolean> onLoop = new AtomicReference<>();
            all.addListener(f -> {
                onLoop.set(executor.inEventLoop());
                notified.countDown();
            });
            for (DefaultPromise<String> p : promises) {
                p.setSuccess("x");
            }
            assertTrue(notified.await(5, TimeUnit.SECONDS));
            assertTrue(onLoop.get());
            assertTrue(all.isSuccess());
        } finally {
            executor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(executor.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void completionsFromManyThreads() throws Exception {
        DefaultEventExecutorGroup group = DefaultEventExecutorGroup.create(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(group.submit(() -> {}));
            }
            Future<Void> all = Futures.allOf(null, futures);
            assertTrue(all.await(10, TimeUnit.SECONDS));
            assertTrue(all.isSuccess());
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
