package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.concurrent.ManualTicker;
import io.sluice.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scheduling on an {@link IoEventLoop} driven by a {@link ManualTicker}: time moves only when the
 * test advances it, and the test then wakes the loop by running a task ({@link TestIoEventLoop#barrier()}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IoEventLoopSchedulingTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private ManualTicker ticker;
    private TestIoEventLoop loop;
    /** Ticker times (ns) at which the task under test ran, in order. */
    private final BlockingQueue<Long> runs = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        ticker = ManualTicker.create();
        loop = new TestIoEventLoop(new TestIoHandler(), ticker, 100);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        loop.shutdownAndAwait();
    }

    private void advance(long seconds) throws InterruptedException {
        ticker.advance(seconds, TimeUnit.SECONDS);
        loop.barrier(); // wakes the loop; due scheduled tasks run before the barrier task
    }

    private long takeRun() throws InterruptedException {
        Long at = runs.poll(10, TimeUnit.SECONDS);
        assertNotNull(at, "the task did not run");
        return at;
    }

    private Runnable recordRun() {
        return () -> runs.add(ticker.nanoTime());
    }

    @Test
    void taskDoesNotRunBeforeTheTickerReachesItsDeadline() throws Exception {
        ScheduledFuture<String> f = loop.schedule(() -> "ran at " + ticker.nanoTime(), 10, TimeUnit.SECONDS);
        loop.barrier();
        assertEquals(10 * SECOND, f.getDelay(TimeUnit.NANOSECONDS));
        advance(9);
        assertFalse(f.isDone(), "ran 1 s early");
        ticker.advance(999, TimeUnit.MILLISECONDS);
        loop.barrier();
        assertFalse(f.isDone(), "ran 1 ms early");
        advance(1);
        assertTrue(f.await(10, TimeUnit.SECONDS));
        assertEquals("ran at " + (10 * SECOND + 999_000_000L), f.getNow());
    }

    @Test
    void scheduledTasksRunByDeadlineThenSubmission() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        loop.schedule(() -> order.add("A@3"), 3, TimeUnit.SECONDS);
        loop.schedule(() -> order.add("B@1"), 1, TimeUnit.SECONDS);
        loop.schedule(() -> order.add("C@2"), 2, TimeUnit.SECONDS);
        loop.schedule(() -> order.add("D@1"), 1000, TimeUnit.MILLISECONDS);
        loop.schedule(() -> order.add("E@1"), 1, TimeUnit.SECONDS);
        loop.schedule(() -> order.add("F@-1"), -1, TimeUnit.SECONDS);
        loop.barrier();
        assertEquals(List.of("F@-1"), order);
        advance(3);
        assertEquals(List.of("F@-1", "B@1", "D@1", "E@1", "C@2", "A@3"), order);
    }

    @Test
    void scheduledFromTheLoopItself() throws Exception {
        ScheduledFuture<?>[] inner = new ScheduledFuture<?>[1];
        loop.submit(() -> inner[0] = loop.schedule(recordRun(), 2, TimeUnit.SECONDS)).await(10, TimeUnit.SECONDS);
        advance(1);
        assertTrue(runs.isEmpty());
        advance(1);
        assertEquals(2 * SECOND, takeRun());
        assertTrue(inner[0].isSuccess());
    }

    @Test
    void cancelledTaskNeverRuns() throws Exception {
        ScheduledFuture<?> f = loop.schedule(recordRun(), 10, TimeUnit.SECONDS);
        loop.barrier();
        assertTrue(f.cancel(false));
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        advance(20);
        loop.barrier();
        assertTrue(runs.isEmpty(), "a cancelled task ran");
        assertFalse(f.cancel(false));
    }

    @Test
    void cancelBeforeTheLoopAddedItAndFromTheLoop() throws Exception {
        ScheduledFuture<?> early = loop.schedule(recordRun(), 1, TimeUnit.SECONDS);
        assertTrue(early.cancel(false)); // maybe before the loop took it into its schedule
        ScheduledFuture<?> periodic = loop.scheduleAtFixedRate(recordRun(), 1, 1, TimeUnit.SECONDS);
        advance(1);
        assertEquals(SECOND, takeRun());
        loop.submit(() -> periodic.cancel(false)).await(10, TimeUnit.SECONDS);
        assertTrue(periodic.isCancelled());
        advance(5);
        loop.barrier();
        assertTrue(runs.isEmpty(), "runs after cancel: " + runs);
    }

    @Test
    void fixedRateRunsOnItsRate() throws Exception {
        ScheduledFuture<?> f = loop.scheduleAtFixedRate(recordRun(), 1, 1, TimeUnit.SECONDS);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            advance(1);
            times.add(takeRun());
        }
        assertEquals(List.of(SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 5 * SECOND), times);
        assertTrue(runs.isEmpty());
        assertFalse(f.isDone());
        // fell behind by three periods: catches up with runs at 6, 7 and 8 s, all seen at 8 s
        advance(3);
        assertEquals(List.of(8 * SECOND, 8 * SECOND, 8 * SECOND), List.of(takeRun(), takeRun(), takeRun()));
        loop.barrier();
        assertTrue(runs.isEmpty(), "ran more than the missed periods: " + runs);
        advance(1);
        assertEquals(9 * SECOND, takeRun(), "the rate is kept after catching up");
        assertTrue(f.cancel(false));
    }

    @Test
    void fixedRateKeepsItsRateWhenARunTakesTime() throws Exception {
        // each run "takes" 400 ms of ticker time; the next deadline is still start + n * period
        loop.scheduleAtFixedRate(() -> {
            runs.add(ticker.nanoTime());
            ticker.advance(400, TimeUnit.MILLISECONDS);
        }, 1, 1, TimeUnit.SECONDS);
        advance(1);
        assertEquals(SECOND, takeRun());
        ticker.advance(600, TimeUnit.MILLISECONDS); // now 2.0 s
        loop.barrier();
        assertEquals(2 * SECOND, takeRun());
    }

    @Test
    void fixedDelayIsMeasuredFromTheEndOfTheRun() throws Exception {
        // each run "takes" 500 ms of ticker time: the next run is 1 s after that
        ScheduledFuture<?> f = loop.scheduleWithFixedDelay(() -> {
            runs.add(ticker.nanoTime());
            ticker.advance(500, TimeUnit.MILLISECONDS);
        }, 1, 1, TimeUnit.SECONDS);
        advance(1);
        assertEquals(SECOND, takeRun()); // ends at 1.5 s
        ticker.advance(500, TimeUnit.MILLISECONDS); // 2.0 s: a fixed rate would run now
        loop.barrier();
        assertTrue(runs.isEmpty(), "fixed delay ran 1 s after the start of the previous run");
        ticker.advance(499, TimeUnit.MILLISECONDS); // 2.499 s
        loop.barrier();
        assertTrue(runs.isEmpty(), "ran early");
        ticker.advance(1, TimeUnit.MILLISECONDS); // 2.5 s
        loop.barrier();
        assertEquals(2500_000_000L, takeRun()); // ends at 3.0 s
        advance(3); // 6 s: fell behind, but a fixed delay does not catch up
        assertEquals(6 * SECOND, takeRun());
        loop.barrier();
        assertTrue(runs.isEmpty(), "fixed delay caught up like a fixed rate: " + runs);
        assertFalse(f.isDone());
    }

    @Test
    void periodicTaskThatThrowsStopsAndFailsItsFuture() throws Exception {
        AtomicInteger count = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("periodic failure (expected in this test)");
        ScheduledFuture<?> rate = loop.scheduleAtFixedRate(() -> {
            if (count.incrementAndGet() == 2) {
                throw boom;
            }
        }, 1, 1, TimeUnit.SECONDS);
        AtomicInteger delayCount = new AtomicInteger();
        ScheduledFuture<?> delay = loop.scheduleWithFixedDelay(() -> {
            delayCount.incrementAndGet();
            throw boom;
        }, 1, 1, TimeUnit.SECONDS);
        advance(1);
        advance(1);
        assertTrue(rate.await(10, TimeUnit.SECONDS));
        assertSame(boom, rate.cause());
        assertFalse(rate.isCancelled());
        assertTrue(delay.isDone());
        assertSame(boom, delay.cause());
        advance(5);
        loop.barrier();
        assertEquals(2, count.get(), "ran after it threw");
        assertEquals(1, delayCount.get(), "ran after it threw");
        // and the loop carries on
        ScheduledFuture<String> after = loop.schedule(() -> "ok", 1, TimeUnit.SECONDS);
        advance(1);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals("ok", after.getNow());
    }

    @Test
    void pendingScheduledTasksAreCancelledOnShutdown() throws Exception {
        ScheduledFuture<?> one = loop.schedule(recordRun(), 1, TimeUnit.HOURS);
        ScheduledFuture<?> rate = loop.scheduleAtFixedRate(recordRun(), 1, 1, TimeUnit.HOURS);
        ScheduledFuture<?> delay = loop.scheduleWithFixedDelay(recordRun(), 1, 1, TimeUnit.HOURS);
        loop.barrier();
        loop.shutdownAndAwait();
        for (ScheduledFuture<?> f : List.of(one, rate, delay)) {
            assertTrue(f.isCancelled(), "still pending after shutdown: " + f);
        }
        assertTrue(runs.isEmpty());
        ScheduledFuture<?> late = loop.schedule(recordRun(), 1, TimeUnit.SECONDS);
        assertTrue(late.isDone(), "no future left pending");
        assertInstanceOf(RejectedExecutionException.class, late.cause());
    }

    @Test
    void processReadyIsCalledEveryTurnWithAnIoRatio() throws Exception {
        loop.shutdownAndAwait();
        TestIoHandler handler = new TestIoHandler();
        loop = new TestIoEventLoop(handler, ticker, 10);
        for (int i = 0; i < 20; i++) {
            int n = i;
            loop.execute(() -> handler.log.add("task" + n));
            loop.barrier();
        }
        ticker.advance(1, TimeUnit.SECONDS);
        loop.schedule(() -> handler.log.add("scheduled"), 1, TimeUnit.SECONDS);
        advance(1);
        List<String> log = handler.logSnapshot();
        // every turn is: wait, processReady, then tasks (the log may end in a wait in progress).
        // (Whether processReady may also run without a wait is IoEventLoopTest's concern.)
        assertEquals("wait", log.get(0), log::toString);
        for (int i = 0; i < log.size(); i++) {
            int at = i;
            if (log.get(i).equals("wait")) {
                assertTrue(i == log.size() - 1 || log.get(i + 1).equals("ready"),
                        () -> "no processReady after the wait at " + at + ": " + log);
            } else if (!log.get(i).equals("ready")) {
                assertTrue(log.subList(0, i).contains("ready"), () -> "a task before any processReady: " + log);
            }
        }
        assertTrue(log.contains("scheduled") && log.contains("task19"), log::toString);
        assertTrue(handler.processReadyCalls.get() >= 21, () -> "turns: " + handler.processReadyCalls.get());
    }
}
