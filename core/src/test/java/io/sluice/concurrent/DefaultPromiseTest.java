package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.TestIoHandler;
import io.sluice.channel.spi.IoEventLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DefaultPromiseTest {
    private DefaultEventExecutor executor;
    private IoEventLoop ioLoop;

    @AfterEach
    void shutDown() throws InterruptedException {
        for (EventExecutor e : new EventExecutor[] {executor, ioLoop}) {
            if (e != null) {
                e.shutdownGracefully(0, 5, TimeUnit.SECONDS);
                assertTrue(e.terminationFuture().await(10, TimeUnit.SECONDS), e + " did not terminate");
            }
        }
    }

    private static <V> DefaultPromise<V> promise() {
        return new DefaultPromise<>(null);
    }

    @Test
    void success() throws Exception {
        DefaultPromise<String> p = promise();
        assertFalse(p.isDone());
        assertNull(p.getNow());
        assertSame(p, p.setSuccess("v"));
        assertTrue(p.isDone());
        assertTrue(p.isSuccess());
        assertFalse(p.isCancelled());
        assertNull(p.cause());
        assertEquals("v", p.getNow());
        assertEquals("v", p.get());
        assertEquals("v", p.get(1, TimeUnit.SECONDS));
    }

    @Test
    void successWithNullValue() throws Exception {
        DefaultPromise<String> p = promise();
        p.setSuccess(null);
        assertTrue(p.isSuccess());
        assertNull(p.getNow());
        assertNull(p.get());
    }

    @Test
    void failure() {
        DefaultPromise<String> p = promise();
        IOException cause = new IOException("boom");
        p.setFailure(cause);
        assertTrue(p.isDone());
        assertFalse(p.isSuccess());
        assertFalse(p.isCancelled());
        assertSame(cause, p.cause());
        assertNull(p.getNow());
        ExecutionException e = assertThrows(ExecutionException.class, p::get);
        assertSame(cause, e.getCause());
    }

    @Test
    void cancel() {
        DefaultPromise<String> p = promise();
        assertTrue(p.isCancellable());
        assertTrue(p.cancel(false));
        assertTrue(p.isDone());
        assertTrue(p.isCancelled());
        assertFalse(p.isSuccess());
        assertInstanceOf(CancellationException.class, p.cause());
        assertFalse(p.cancel(false), "second cancel");
        assertThrows(CancellationException.class, p::get);
        assertThrows(CancellationException.class, () -> p.get(1, TimeUnit.SECONDS));
        assertFalse(p.trySuccess("late"));
    }

    @Test
    void setTwiceThrowsAndTryReturnsFalse() {
        DefaultPromise<String> p = promise();
        p.setSuccess("a");
        assertThrows(IllegalStateException.class, () -> p.setSuccess("b"));
        assertThrows(IllegalStateException.class, () -> p.setFailure(new IOException()));
        assertFalse(p.trySuccess("c"));
        assertFalse(p.tryFailure(new IOException()));
        assertFalse(p.cancel(true));
        assertEquals("a", p.getNow());

        DefaultPromise<String> failed = promise();
        failed.setFailure(new IOException("first"));
        assertThrows(IllegalStateException.class, () -> failed.setFailure(new IOException("second")));
        assertThrows(IllegalStateException.class, () -> failed.setSuccess("x"));
        assertEquals("first", failed.cause().getMessage());
    }

    @Test
    void setUncancellable() {
        DefaultPromise<String> p = promise();
        assertTrue(p.setUncancellable());
        assertFalse(p.isCancellable());
        assertFalse(p.isDone());
        assertFalse(p.cancel(false));
        assertFalse(p.isCancelled());
        p.setSuccess("done");
        assertTrue(p.isSuccess());
        assertTrue(p.setUncancellable(), "done and not cancelled");

        DefaultPromise<String> cancelled = promise();
        cancelled.cancel(false);
        assertFalse(cancelled.setUncancellable());
    }

    @Test
    void nullCauseThrowsNpe() {
        DefaultPromise<String> p = promise();
        assertThrows(NullPointerException.class, () -> p.setFailure(null));
        assertThrows(NullPointerException.class, () -> p.tryFailure(null));
        assertFalse(p.isDone());
    }

    @Test
    void listenersRunInOrderAddedAndLateListenerRuns() {
        DefaultPromise<String> p = promise();
        List<Integer> order = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            p.addListener(f -> order.add(n));
        }
        assertTrue(order.isEmpty());
        p.setSuccess("x");
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        p.addListener(f -> order.add(99));
        assertEquals(List.of(0, 1, 2, 3, 4, 99), order, "a listener added after completion runs");
    }

    @Test
    void throwingListenerDoesNotStopOthers() {
        DefaultPromise<String> p = promise();
        List<String> ran = new CopyOnWriteArrayList<>();
        p.addListener(f -> ran.add("a"));
        p.addListener(f -> {
            throw new IllegalStateException("listener failure (expected in this test)");
        });
        p.addListener(f -> ran.add("c"));
        p.setSuccess("x");
        assertEquals(List.of("a", "c"), ran);
    }

    @Test
    void listenersRunOnTheExecutorThread() throws Exception {
        executor = DefaultEventExecutor.create("promise-listeners");
        Promise<String> p = executor.newPromise();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 0; i < 2; i++) {
            p.addListener(f -> {
                onLoop.add(executor.inEventLoop());
                done.countDown();
            });
        }
        p.setSuccess("x"); // completed from the test thread
        p.addListener(f -> { // added late, from the test thread
            onLoop.add(executor.inEventLoop());
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(true, true, true), onLoop);
    }

    @Test
    void removedListenerDoesNotRun() {
        DefaultPromise<String> p = promise();
        List<String> ran = new CopyOnWriteArrayList<>();
        FutureListener<String> a = f -> ran.add("a");
        FutureListener<String> b = f -> ran.add("b");
        p.addListener(a).addListener(b).removeListener(a);
        p.setSuccess("x");
        assertEquals(List.of("b"), ran);
        assertThrows(NullPointerException.class, () -> p.addListener(null));
    }

    @Test
    void listenersRunOnTheCompletingThreadOnceTheExecutorTerminated() throws Exception {
        executor = DefaultEventExecutor.create("promise-terminated");
        Promise<String> p = executor.newPromise();
        executor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(executor.terminationFuture().await(10, TimeUnit.SECONDS));
        List<Thread> ran = new CopyOnWriteArrayList<>();
        p.addListener(f -> ran.add(Thread.currentThread()));
        p.setSuccess("late");
        assertEquals(List.of(Thread.currentThread()), ran, "a listener was lost");
    }

    @Test
    void interruptedWaiting() throws Exception {
        DefaultPromise<String> p = promise();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, p::await);
        assertFalse(Thread.currentThread().isInterrupted(), "the flag is consumed by the exception");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> p.await(1, TimeUnit.SECONDS));
        Thread.currentThread().interrupt();
        assertFalse(p.awaitUninterruptibly(20, TimeUnit.MILLISECONDS));
        assertTrue(Thread.interrupted(), "awaitUninterruptibly restores the flag");
        p.setSuccess("done");
        Thread.currentThread().interrupt();
        assertSame(p, p.await(), "a done promise returns at once");
        assertTrue(Thread.interrupted());
    }

    @Test
    void awaitWithTimeoutReturnsFalseWhenNotDone() throws Exception {
        DefaultPromise<String> p = promise();
        assertFalse(p.await(20, TimeUnit.MILLISECONDS));
        assertFalse(p.awaitUninterruptibly(20, TimeUnit.MILLISECONDS));
        assertFalse(p.await(0, TimeUnit.MILLISECONDS));
        assertThrows(TimeoutException.class, () -> p.get(20, TimeUnit.MILLISECONDS));
        p.setSuccess("x");
        assertTrue(p.await(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void awaitIsWokenByCompletionFromAnotherThread() throws Exception {
        executor = DefaultEventExecutor.create("promise-completer");
        DefaultPromise<String> p = promise();
        executor.execute(() -> p.setSuccess("from the loop"));
        assertTrue(p.await(5, TimeUnit.SECONDS));
        assertEquals("from the loop", p.getNow());
    }

    @Test
    void syncRethrowsTheCauseAsThrown() throws Exception {
        DefaultPromise<String> checked = promise();
        IOException io = new IOException("checked");
        checked.setFailure(io);
        assertSame(io, assertThrows(IOException.class, checked::sync));
        assertSame(io, assertThrows(IOException.class, checked::syncUninterruptibly));

        DefaultPromise<String> cancelled = promise();
        cancelled.cancel(false);
        assertThrows(CancellationException.class, cancelled::sync);

        DefaultPromise<String> ok = promise();
        ok.setSuccess("fine");
        assertSame(ok, ok.sync());
    }

    @Test
    void waitingOnOwnExecutorThreadThrows() throws Exception {
        executor = DefaultEventExecutor.create("promise-deadlock");
        Promise<String> own = executor.newPromise();
        Future<Throwable> attempt = executor.submit(() -> {
            try {
                own.sync();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTrue(attempt.await(5, TimeUnit.SECONDS));
        assertInstanceOf(BlockingOperationException.class, attempt.getNow());

        for (ThrowingCall call : List.<ThrowingCall>of(own::await, () -> own.await(1, TimeUnit.SECONDS),
                own::get, own::awaitUninterruptibly)) {
            Future<Throwable> f = executor.submit(() -> {
                try {
                    call.run();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(f.await(5, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationException.class, f.getNow());
        }
        // a worker thread (not an I/O loop) may wait on another executor's promise
        DefaultPromise<String> foreign = promise();
        Future<Boolean> waited = executor.submit(() -> foreign.await(10, TimeUnit.MILLISECONDS));
        assertTrue(waited.await(5, TimeUnit.SECONDS));
        assertTrue(waited.isSuccess(), () -> "unexpected failure: " + waited.cause());
        assertFalse(waited.getNow());
        // a done promise never throws
        own.setSuccess("done");
        Future<String> synced = executor.submit(() -> own.sync().getNow());
        assertTrue(synced.await(5, TimeUnit.SECONDS));
        assertEquals("done", synced.getNow());
    }

    @Test
    void waitingOnAnIoLoopThreadThrowsForAnyIncompletePromise() throws Exception {
        ioLoop = IoEventLoop.create("promise-io", new TestIoHandler());
        executor = DefaultEventExecutor.create("promise-other");
        List<Promise<String>> incomplete = List.of(promise(), executor.newPromise(), ioLoop.newPromise());
        for (Promise<String> p : incomplete) {
            Future<Throwable> f = ioLoop.submit(() -> {
                try {
                    p.await(1, TimeUnit.SECONDS);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(f.await(5, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationException.class, f.getNow(), () -> "waiting on " + p);
        }
        DefaultPromise<String> done = promise();
        done.setSuccess("ok");
        Future<String> f = ioLoop.submit(() -> done.sync().getNow());
        assertTrue(f.await(5, TimeUnit.SECONDS));
        assertEquals("ok", f.getNow(), () -> "failed: " + f.cause());
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aLongChainOfListenersCompletingPromisesDoesNotOverflowTheStack() throws Exception {
        executor = DefaultEventExecutor.create("nesting");
        int links = 100_000;
        CountDownLatch done = new CountDownLatch(1);
        int[] deepest = new int[1]; // touched on the executor only
        executor.execute(() -> link(links, done, deepest));
        assertTrue(done.await(20, TimeUnit.SECONDS), "the chain broke (a StackOverflowError in a listener?)");
        Future<Integer> depth = executor.submit(() -> deepest[0]);
        assertTrue(depth.await(10, TimeUnit.SECONDS));
        assertTrue(depth.getNow() < 400, "stack grew to " + depth.getNow() + " frames");
    }

    /** Fails a promise whose listener does the same, {@code remaining} times: each completes at once. */
    private void link(int remaining, CountDownLatch done, int[] deepest) {
        DefaultPromise<Void> p = new DefaultPromise<>(executor);
        p.addListener(f -> {
            if (remaining % 1000 == 0) {
                deepest[0] = Math.max(deepest[0], Thread.currentThread().getStackTrace().length);
            }
            if (remaining == 0) {
                done.countDown();
            } else {
                link(remaining - 1, done, deepest); // like a failed write that writes again
            }
        });
        p.setFailure(new IOException("closed"));
    }
}
