package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives {@link BlockedLoopWatchdog#check} by hand with synthetic times. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockedLoopWatchdogTest {
    private static final long THRESHOLD = TimeUnit.SECONDS.toNanos(1);

    @BeforeEach
    void requireWatchdog() {
        // executors count progress only when the watchdog is on; the Maven build sets it
        Assumptions.assumeTrue(Long.getLong("io.sluice.watchdog.thresholdMillis", 0) > 0,
                "io.sluice.watchdog.thresholdMillis not set");
    }

    /** A task with a recognisable class name that blocks until released. */
    static final class StuckTask implements Runnable {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void run() {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void reportsABlockedLoopOnceWithTheTaskAndItsStack() throws Exception {
        DefaultEventExecutor executor = DefaultEventExecutor.create("watched");
        Thread testThread = Thread.currentThread();
        List<String> reports = new CopyOnWriteArrayList<>();
        Consumer<String> original = BlockedLoopWatchdog.reporter;
        // only the checks made here count (the real sampler may run too, on its own thread)
        BlockedLoopWatchdog.reporter = report -> {
            if (Thread.currentThread() == testThread) {
                reports.add(report);
            } else {
                original.accept(report);
            }
        };
        StuckTask task = new StuckTask();
        try {
            executor.execute(task);
            assertTrue(task.started.await(10, TimeUnit.SECONDS));
            BlockedLoopWatchdog.Sample sample = new BlockedLoopWatchdog.Sample();
            long now = 1_000_000_000_000L;

            BlockedLoopWatchdog.check(executor, sample, now, THRESHOLD);
            assertTrue(reports.isEmpty(), "the first sample only records progress");
            BlockedLoopWatchdog.check(executor, sample, now + THRESHOLD - 1, THRESHOLD);
            assertTrue(reports.isEmpty(), "reported before the threshold");

            BlockedLoopWatchdog.check(executor, sample, now + THRESHOLD, THRESHOLD);
            assertEquals(1, reports.size());
            String report = reports.get(0);
            assertTrue(report.contains(StuckTask.class.getName()), report);
            assertTrue(report.contains("watched-1"), report);
            assertTrue(report.contains("at "), report);
            assertTrue(report.contains("StuckTask.run"), report);
            assertTrue(report.endsWith(BlockedLoopWatchdog.leakDetectionNote()), report);

            BlockedLoopWatchdog.check(executor, sample, now + 2 * THRESHOLD, THRESHOLD);
            BlockedLoopWatchdog.check(executor, sample, now + 10 * THRESHOLD, THRESHOLD);
            assertEquals(1, reports.size(), "reported the same episode again");

            task.release.countDown();
            // nothing signals "back in its wait": poll (bounded)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!executor.isWaiting() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertTrue(executor.isWaiting(), "the loop did not go back to its wait");
            BlockedLoopWatchdog.check(executor, sample, now + 11 * THRESHOLD, THRESHOLD);
            BlockedLoopWatchdog.check(executor, sample, now + 20 * THRESHOLD, THRESHOLD);
            assertEquals(1, reports.size(), "reported a waiting loop");
        } finally {
            task.release.countDown();
            BlockedLoopWatchdog.reporter = original;
            executor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(executor.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theReportSaysWhenLeakDetectionRecordsStacks() {
        LeakDetectionLevel saved = LeakDetector.level();
        try {
            LeakDetector.level(LeakDetectionLevel.PARANOID);
            assertTrue(BlockedLoopWatchdog.leakDetectionNote().startsWith("Leak detection is at level paranoid: "),
                    BlockedLoopWatchdog.leakDetectionNote());
            LeakDetector.level(LeakDetectionLevel.ADVANCED);
            assertTrue(BlockedLoopWatchdog.leakDetectionNote().startsWith("Leak detection is at level advanced: "),
                    BlockedLoopWatchdog.leakDetectionNote());
            LeakDetector.level(LeakDetectionLevel.SAMPLED);
            assertEquals("", BlockedLoopWatchdog.leakDetectionNote());
        } finally {
            LeakDetector.level(saved);
        }
    }

    @Test
    void aLoopThatKeepsRunningTasksIsNotReported() throws Exception {
        DefaultEventExecutor executor = DefaultEventExecutor.create("busy");
        Thread testThread = Thread.currentThread();
        List<String> reports = new CopyOnWriteArrayList<>();
        Consumer<String> original = BlockedLoopWatchdog.reporter;
        BlockedLoopWatchdog.reporter = report -> {
            if (Thread.currentThread() == testThread) {
                reports.add(report);
            }
        };
        try {
            BlockedLoopWatchdog.Sample sample = new BlockedLoopWatchdog.Sample();
            long now = 0;
            for (int i = 0; i < 10; i++) {
                Future<?> f = executor.submit(() -> {});
                assertTrue(f.await(10, TimeUnit.SECONDS));
                BlockedLoopWatchdog.check(executor, sample, now, THRESHOLD);
                // each sample sees progress or the one before it did: stuck for at most half the threshold
                now += THRESHOLD / 2;
            }
            assertTrue(reports.isEmpty(), reports::toString);
            assertTrue(executor.progress() >= 9); // the last increment may still be on its way
        } finally {
            BlockedLoopWatchdog.reporter = original;
            executor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(executor.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
