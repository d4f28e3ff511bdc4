package io.sluice.channel;

import static io.sluice.channel.LoopbackTestChannel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.concurrent.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipeline changes made from a thread other than the channel's (real) event loop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineModificationOnLoopTest {
    private TestIoEventLoop loop;
    private Thread loopThread;
    private final LoopbackTestChannel channel = new LoopbackTestChannel();

    /** Counts its lifecycle calls and where they ran. */
    static final class Lifecycle implements ChannelHandler {
        final AtomicInteger added = new AtomicInteger();
        final AtomicInteger removed = new AtomicInteger();
        final CountDownLatch addedLatch = new CountDownLatch(1);
        final CountDownLatch removedLatch = new CountDownLatch(1);
        volatile Thread addedThread;
        volatile Thread removedThread;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            addedThread = Thread.currentThread();
            added.incrementAndGet();
            addedLatch.countDown();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            removedThread = Thread.currentThread();
            removed.incrementAndGet();
            removedLatch.countDown();
        }
    }

    @BeforeEach
    void setUp() throws InterruptedException {
        loop = new TestIoEventLoop(new TestIoHandler(), Ticker.system(), 50);
        loopThread = await(loop.submit(Thread::currentThread));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        try {
            if (channel.isRegistered()) {
                await(channel.close());
                loop.barrier(); // the deregistration after close
            }
            channel.releaseWritten();
        } finally {
            loop.shutdownAndAwait();
        }
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "latch not released in time");
    }

    @Test
    void handlerAddedWaitsForRegistrationAndRunsOnTheLoop() throws Exception {
        Lifecycle h = new Lifecycle();
        channel.pipeline().addLast("h", h);
        assertEquals(0, h.added.get(), "not before the channel has a loop");
        await(loop.register(channel));
        awaitLatch(h.addedLatch);
        assertSame(loopThread, h.addedThread);
        assertSame(loop, channel.eventLoop());
        assertTrue(channel.isRegistered());
    }

    @Test
    void aHandlerAddedAndRemovedBeforeRegistrationGetsNeitherCallback() throws Exception {
        Lifecycle h = new Lifecycle();
        channel.pipeline().addLast("h", h);
        channel.pipeline().remove(h);
        await(loop.register(channel));
        loop.barrier();
        assertEquals(0, h.added.get());
        assertEquals(0, h.removed.get());
        channel.pipeline().addLast("again", h); // no longer counted as in a pipeline
        awaitLatch(h.addedLatch);
        assertSame(loopThread, h.addedThread);
    }

    @Test
    void addAndRemoveFromAnotherThreadRunOnTheLoop() throws Exception {
        await(loop.register(channel));
        Lifecycle h = new Lifecycle();
        channel.pipeline().addLast("h", h);
        assertEquals(List.of("h"), channel.pipeline().names(), "the structure changes at once");
        awaitLatch(h.addedLatch);
        assertSame(loopThread, h.addedThread);

        assertSame(h, channel.pipeline().remove("h"));
        assertEquals(List.of(), channel.pipeline().names());
        awaitLatch(h.removedLatch);
        assertSame(loopThread, h.removedThread);
        loop.barrier();
        assertEquals(1, h.added.get());
        assertEquals(1, h.removed.get());
    }

    @Test
    void replaceFromAnotherThreadRunsBothCallbacksOnTheLoop() throws Exception {
        await(loop.register(channel));
        Lifecycle old = new Lifecycle();
        Lifecycle replacement = new Lifecycle();
        channel.pipeline().addLast("x", old);
        channel.pipeline().replace("x", "y", replacement);
        awaitLatch(replacement.addedLatch);
        awaitLatch(old.removedLatch);
        assertSame(loopThread, replacement.addedThread);
        assertSame(loopThread, old.removedThread);
        assertEquals(List.of("y"), channel.pipeline().names());
    }

    @Test
    void closingTheChannelRemovesEveryHandlerOnTheLoop() throws Exception {
        await(loop.register(channel));
        Lifecycle a = new Lifecycle();
        Lifecycle b = new Lifecycle();
        channel.pipeline().addLast("a", a).addLast("b", b);
        await(channel.close());
        awaitLatch(a.removedLatch);
        awaitLatch(b.removedLatch);
        assertSame(loopThread, a.removedThread);
        assertSame(loopThread, b.removedThread);
        assertEquals(List.of(), channel.pipeline().names());
        assertFalse(channel.isOpen());
    }

    @Test
    void concurrentAddsAndRemovesCallEachCallbackOnceOnTheLoop() throws Exception {
        await(loop.register(channel));
        int threads = 4;
        int perThread = 50;
        List<Lifecycle> handlers = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            handlers.add(new Lifecycle());
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * perThread;
            Thread worker = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int k = first; k < first + perThread; k++) {
                        channel.pipeline().addLast("h" + k, handlers.get(k));
                    }
                    for (int k = first; k < first + perThread; k++) {
                        channel.pipeline().remove("h" + k);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "modifier-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(worker.isAlive(), "modifier did not finish in time");
        }
        assertEquals(null, failure.get());
        loop.barrier();
        assertEquals(List.of(), channel.pipeline().names());
        for (Lifecycle h : handlers) {
            assertEquals(1, h.added.get());
            assertEquals(1, h.removed.get());
            assertSame(loopThread, h.addedThread);
            assertSame(loopThread, h.removedThread);
        }
    }

    @Test
    void eventsFiredFromAnotherThreadRunOnTheLoopInOrder() throws Exception {
        await(loop.register(channel));
        List<String> seen = new ArrayList<>();
        AtomicReference<Thread> readThread = new AtomicReference<>();
        channel.pipeline().addLast("collect", new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                readThread.set(Thread.currentThread());
                seen.add((String) msg); // loop-only state: no lock needed
            }
        });
        for (int i = 0; i < 100; i++) {
            channel.pipeline().fireChannelRead("m" + i);
        }
        loop.barrier();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, await(loop.submit(() -> new ArrayList<>(seen))));
        assertSame(loopThread, readThread.get());
    }
}
