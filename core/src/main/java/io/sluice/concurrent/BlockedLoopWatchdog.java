package io.sluice.concurrent;

import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports an executor thread that has not come back to its wait for longer than a threshold: a
 * task that blocks or spins starves every channel on that loop. The report (logged once per stuck
 * episode at WARN) names the task's class and carries the thread's stack.
 *
 * <p>Off unless {@code io.sluice.watchdog.thresholdMillis} is set above 0 (the test build sets
 * it). The loop's cost while on: two opaque stores per task; the watchdog samples each loop from a
 * daemon thread every quarter threshold.
 */
final class BlockedLoopWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(BlockedLoopWatchdog.class);
    private static final long THRESHOLD_NANOS =
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("io.sluice.watchdog.thresholdMillis", 0));
    private static final Map<SingleThreadEventExecutor, Sample> WATCHED = new ConcurrentHashMap<>();
    /** Where reports go; tests replace it. */
    static volatile Consumer<String> reporter = report -> LOG.warn("{}", report);
    private static volatile Thread sampler;

    private BlockedLoopWatchdog() {}

    static boolean enabled() {
        return THRESHOLD_NANOS > 0;
    }

    static void watch(SingleThreadEventExecutor executor) {
        WATCHED.put(executor, new Sample());
        startSampler();
    }

    static void unwatch(SingleThreadEventExecutor executor) {
        WATCHED.remove(executor);
    }

    private static synchronized void startSampler() {
        if (sampler == null) {
            Thread t = new Thread(BlockedLoopWatchdog::sampleForever, "sluice-blocked-loop-watchdog");
            t.setDaemon(true);
            t.start();
            sampler = t;
        }
    }

    /** What the sampler saw of one loop last time. */
    static final class Sample {
        long progress = -1;
        long stuckSinceNanos;
        boolean reported;
    }

    private static void sampleForever() {
        for (;;) {
            LockSupport.parkNanos(THRESHOLD_NANOS / 4);
            long now = System.nanoTime();
            WATCHED.forEach((executor, sample) -> check(executor, sample, now, THRESHOLD_NANOS));
        }
    }

    /**
     * At level advanced or paranoid every tracked buffer captures a stack when it is allocated and
     * each time it is touched (measured on a loaded 2-core machine: 11-38 us per pooled buffer
     * allocated, touched twice and released, against 0.4-1.3 us with detection off), so a task that
     * handles thousands of buffers can cross the threshold with no blocking call; the report says so.
     */
    static String leakDetectionNote() {
        LeakDetectionLevel level = LeakDetector.level();
        if (level != LeakDetectionLevel.ADVANCED && level != LeakDetectionLevel.PARANOID) {
            return "";
        }
        return "Leak detection is at level " + level.name().toLowerCase(Locale.ROOT)
                + ": every tracked buffer records a stack trace when allocated and when touched, which slows"
                + " buffer-heavy tasks many times over; a stack inside io.sluice.buffer.LeakRecord is that cost,"
                + " not a blocking call (-Dio.sluice.leakDetection.level=sampled for production speed).\n";
    }

    /** Compares one loop with its last sample; reports it once if stuck for {@code thresholdNanos}. */
    static void check(SingleThreadEventExecutor executor, Sample sample, long now, long thresholdNanos) {
        long progress = executor.progress();
        if (executor.isWaiting() || progress != sample.progress) {
            sample.progress = progress;
            sample.stuckSinceNanos = now;
            sample.reported = false;
            return;
        }
        if (!sample.reported && now - sample.stuckSinceNanos >= thresholdNanos) {
            sample.reported = true;
            Object task = executor.currentTask();
            Thread thread = executor.thread();
            if (thread == null) {
                return;
            }
            StringBuilder report = new StringBuilder(1024).append("Event loop thread '").append(thread.getName())
                    .append("' has not returned to its wait for ")
                    .append(TimeUnit.NANOSECONDS.toMillis(now - sample.stuckSinceNanos)).append(" ms")
                    .append(task == null ? " (in I/O processing)" : ", running a task of " + task.getClass().getName())
                    .append("; blocking an event loop stalls every channel on it. Stack:\n");
            for (StackTraceElement frame : thread.getStackTrace()) {
                report.append("\tat ").append(frame).append('\n');
            }
            reporter.accept(report.append(leakDetectionNote()).toString());
        }
    }
}
