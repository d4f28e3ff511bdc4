package io.sluice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-thread values in event-loop threads' slots, and in a thread-local on every other thread. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LoopLocalTest {

    /** Runs {@code task} on a new thread, event-loop or plain, and rethrows what it threw. */
    private static void runOn(boolean loopThread, Runnable task) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        Thread thread = loopThread ? new EventLoopThread(guarded, "loop-local-test", false)
                : new Thread(guarded, "plain-local-test");
        thread.start();
        thread.join(5_000);
        assertFalse(thread.isAlive());
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void eachThreadGetsItsOwnInitialValueOnceOnLoopAndOtherThreadsAlike() throws Exception {
        AtomicInteger made = new AtomicInteger();
        LoopLocal<int[]> local = LoopLocal.withInitial(() -> new int[] {made.incrementAndGet()});
        List<int[]> seen = new ArrayList<>();
        for (boolean loop : new boolean[] {true, false, true}) {
            runOn(loop, () -> {
                int[] first = local.get();
                assertSame(first, local.get(), "made once per thread");
                synchronized (seen) {
                    seen.add(first);
                }
            });
        }
        assertEquals(3, made.get());
        assertNotSame(seen.get(0), seen.get(2), "two loop threads do not share a value");
    }

    @Test
    void setAndForgetOnBothKindsOfThread() throws Exception {
        for (boolean loop : new boolean[] {true, false}) {
            runOn(loop, () -> {
                LoopLocal<String> local = LoopLocal.empty();
                assertNull(local.get());
                local.set("a");
                assertEquals("a", local.get());
                local.set(null);
                assertNull(local.get());
            });
        }
    }

    @Test
    void manyLocalsOnOneLoopThreadKeepTheirValuesApart() throws Exception {
        List<LoopLocal<Integer>> locals = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more than the first slot array holds
            locals.add(LoopLocal.empty());
        }
        runOn(true, () -> {
            for (int i = locals.size() - 1; i >= 0; i--) {
                locals.get(i).set(i);
            }
            for (int i = 0; i < locals.size(); i++) {
                assertEquals(i, locals.get(i).get());
            }
        });
    }
}
