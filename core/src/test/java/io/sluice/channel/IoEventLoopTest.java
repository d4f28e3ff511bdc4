package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.channel.spi.IoChannel;
import io.sluice.channel.spi.IoEventLoop;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Ticker;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IoEventLoopTest {
    private final TestIoHandler handler = new TestIoHandler();
    private TestIoEventLoop loop;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (loop != null) {
            loop.shutdownAndAwait();
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "latch not released in time");
    }

    private static <V> V await(Future<V> f) throws InterruptedException {
        assertTrue(f.await(10, TimeUnit.SECONDS), () -> "not done in time: " + f);
        assertTrue(f.isSuccess(), () -> "failed: " + f.cause());
        return f.getNow();
    }

    @Test
    void rejectsAnIoRatioOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new TestIoEventLoop(handler, Ticker.system(), 0));
        assertThrows(IllegalArgumentException.class, () -> new TestIoEventLoop(handler, Ticker.system(), 101));
    }

    @Test
    void registeringAChannelThatIsNoTransportsIsRefusedByName() {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        Channel foreign = mock(Channel.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.register(foreign));
        assertTrue(e.getMessage().startsWith("channel: " + foreign.getClass().getName() + " (expected: "), e.getMessage());
        assertTrue(e.getMessage().contains(IoChannel.class.getName()), e.getMessage());
        assertThrows(NullPointerException.class, () -> loop.register(null));
        assertEquals(0, loop.pendingTasks(), "nothing reached the loop");
    }

    @Test
    void registeringAChannelTwiceFailsItsFutureByName() throws InterruptedException {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        EmbeddedChannel registered = new EmbeddedChannel();
        ChannelFuture f = loop.register(registered);
        assertTrue(f.await(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, f.cause());
        assertTrue(f.cause().getMessage().startsWith("event loop: EmbeddedChannel("), f.cause().getMessage());
        assertTrue(f.cause().getMessage().endsWith(" is registered already (expected: one registration per channel)"),
                f.cause().getMessage());
        registered.finishAndReleaseAll();
    }

    @Test
    void identity() {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        assertSame(loop, loop.next());
        assertNull(loop.parent());
        assertSame(handler, loop.ioHandler());
    }

    @Test
    void processReadyIsCalledAfterWaitForIo() throws Exception {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        CountDownLatch processed = new CountDownLatch(1);
        handler.fireIo("first", processed::countDown);
        loop.barrier(); // starts the loop
        await(processed);
        for (int i = 0; i < 5; i++) {
            CountDownLatch next = new CountDownLatch(1);
            handler.fireIo("e" + i, next::countDown);
            await(next);
        }
        List<String> log = handler.logSnapshot();
        assertEquals("wait", log.get(0), log::toString);
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).equals("wait")) {
                assertTrue(i == log.size() - 1 || log.get(i + 1).equals("ready"), log::toString);
            }
            if (log.get(i).startsWith("io:")) {
                assertTrue(log.subList(0, i).contains("ready"), log::toString);
            }
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(log.contains("io:e" + i), log::toString);
        }
        assertTrue(handler.waitCalls.get() >= handler.processReadyCalls.get());
    }

    /**
     * A task that arrives between the loop's last check for work and its wait (here: simulated
     * inside the ticker read of that check, so the window is hit every time) must not make the loop
     * process I/O it never waited for: {@link IoHandler#processReady()} handles what the last wait
     * found, so every call follows a {@code waitForIo}.
     */
    @Test
    void processReadyIsNeverCalledWithoutAWaitBeforeIt() throws Exception {
        AtomicLong time = new AtomicLong();
        AtomicReference<Runnable> onNextLoopRead = new AtomicReference<>();
        Ticker ticker = () -> {
            if (loop != null && loop.inEventLoop()) {
                Runnable action = onNextLoopRead.getAndSet(null);
                if (action != null) {
                    action.run();
                }
            }
            return time.get();
        };
        loop = new TestIoEventLoop(handler, ticker, 100);
        handler.logTurns = true;
        loop.schedule(() -> {}, 1, TimeUnit.HOURS); // so the loop reads the ticker when it checks for work
        loop.barrier();
        CountDownLatch arrived = new CountDownLatch(1);
        // armed from a task: the next ticker read on the loop is the check for work before its wait
        loop.execute(() -> onNextLoopRead.set(() -> loop.execute(() -> {
            handler.log.add("arrived");
            arrived.countDown();
        })));
        await(arrived);
        List<String> log = handler.logSnapshot();
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).equals("ready")) {
                int at = i;
                assertEquals("wait", log.get(i - 1), () -> "processReady without waitForIo at " + at + ": " + log);
            }
        }
    }

    @Test
    void shutdownHooksRunOnTheLoopThread() throws Exception {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        Thread loopThread = await(loop.submit(Thread::currentThread));
        loop.shutdownAndAwait();
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS); // idempotent
        assertTrue(loop.isTerminated());
        assertTrue(handler.prepareToShutdownCalls.get() >= 2, "prepareToShutdown runs on each shutdown turn and "
                + "once more before the last tasks: " + handler.prepareToShutdownCalls.get());
        assertEquals(1, handler.destroyCalls.get());
        assertSame(loopThread, handler.prepareToShutdownThread);
        assertSame(loopThread, handler.destroyThread);
        List<String> log = handler.logSnapshot();
        assertTrue(log.indexOf("prepareToShutdown") < log.indexOf("destroy"), log::toString);
        assertEquals("destroy", log.get(log.size() - 1), log::toString);
        loopThread.join(10_000);
        assertTrue(!loopThread.isAlive(), "the loop thread still runs after termination");
    }

    @Test
    void tasksQueuedAtShutdownRunBeforeDestroy() throws Exception {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await(started);
        loop.execute(() -> handler.log.add("queued"));
        Future<?> termination = loop.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        release.countDown();
        assertTrue(termination.await(10, TimeUnit.SECONDS));
        List<String> log = handler.logSnapshot();
        assertTrue(log.contains("queued"), log::toString);
        assertTrue(log.indexOf("queued") < log.indexOf("destroy"), log::toString);
    }

    @Test
    void tasksAndIoInterleave() throws Exception {
        loop = new TestIoEventLoop(handler, Ticker.system(), 100);
        handler.logTurns = false;
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            handler.log.add("t1");
            handler.fireIo("r1", () -> loop.execute(() -> {
                handler.log.add("t3"); // handed off by the I/O: runs in the same turn, after it
                done.countDown();
            }));
            loop.execute(() -> handler.log.add("t2")); // queued by a task: runs in this turn
        });
        await(done);
        assertEquals(List.of("t1", "t2", "io:r1", "t3"), handler.logSnapshot());
    }

    @Test
    void ioIsNotStarvedByAFloodOfTasks() throws Exception {
        loop = new TestIoEventLoop(handler, Ticker.system(), 50);
        handler.logTurns = false;
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await(started);
        int tasks = 1000;
        CountDownLatch all = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            int n = i;
            loop.execute(() -> {
                // ~50 us of work per task: 1000 of them take far longer than one turn's budget
                long end = System.nanoTime() + 50_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                if (n % 100 == 0) {
                    handler.log.add("task" + n);
                }
                all.countDown();
            });
        }
        handler.fireIo("urgent");
        release.countDown();
        await(all);
        List<String> log = handler.logSnapshot();
        int io = log.indexOf("io:urgent");
        assertTrue(io >= 0 && io < log.indexOf("task900"),
                () -> "I/O waited for the whole task queue with an I/O ratio of 50: " + log);
    }

    @Test
    void groupSpreadsLoopsRoundRobinAndShutsThemAllDown() throws Exception {
        Set<TestIoHandler> handlers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IoEventLoopGroup group = IoEventLoopGroup.create(3, "grp", () -> {
            TestIoHandler h = new TestIoHandler();
            handlers.add(h);
            return h;
        });
        try {
            assertEquals(3, group.executorCount());
            assertEquals(3, handlers.size());
            Set<EventExecutor> seen = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                IoEventLoop l = group.next();
                assertSame(group, l.parent());
                seen.add(l);
                await(l.submit(() -> {}));
            }
            assertEquals(3, seen.size());
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
        }
        assertTrue(group.isTerminated());
        for (TestIoHandler h : handlers) {
            assertEquals(1, h.destroyCalls.get());
        }
    }
}
