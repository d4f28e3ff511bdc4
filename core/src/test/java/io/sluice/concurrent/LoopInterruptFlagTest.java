package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task that leaves its thread's interrupt flag set must not make the loop spin: park and select
 * return at once while the flag is set, so the loop clears it before it waits.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopInterruptFlagTest {

    /** Logs each task it is told about and, for each wait, whether the thread was interrupted. */
    private static final class RecordingExecutor extends SingleThreadEventExecutor {
        final BlockingQueue<String> log = new LinkedBlockingQueue<>();

        RecordingExecutor() {
            super(null, EventLoopThreads.factory("interrupt-test", false), Ticker.system(), Integer.MAX_VALUE,
                    RejectedExecutionHandlers.reject());
        }

        @Override
        protected void waitForWork(long timeoutNanos) {
            log.add(Thread.currentThread().isInterrupted() ? "wait:interrupted" : "wait");
            if (timeoutNanos > 0) {
                LockSupport.parkNanos(this, Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }

        @Override
        protected void wakeUp() {
            Thread t = thread();
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Test
    void anInterruptLeftByATaskIsClearedBeforeTheLoopWaits() throws Exception {
        RecordingExecutor e = new RecordingExecutor();
        try {
            Future<?> done = e.submit(() -> {
                e.log.add("task");
                Thread.currentThread().interrupt(); // e.g. restored after catching InterruptedException
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            for (String entry; !"task".equals(entry = e.log.poll(10, TimeUnit.SECONDS)); ) {
                assertTrue(entry != null, "the task never ran");
            }
            assertEquals("wait", e.log.poll(10, TimeUnit.SECONDS), "the loop waited with the interrupt flag set");
        } finally {
            e.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(e.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
