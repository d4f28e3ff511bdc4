package io.sluice.channel;

import io.sluice.channel.spi.IoEventLoop;
import io.sluice.concurrent.EventLoopThreads;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.RejectedExecutionHandlers;
import io.sluice.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/** An {@link IoEventLoop} with a chosen ticker and I/O ratio (its constructor is protected). */
final class TestIoEventLoop extends IoEventLoop {

    TestIoEventLoop(TestIoHandler handler, Ticker ticker, int ioRatio) {
        super(null, EventLoopThreads.factory("t", true), handler, ioRatio, ticker, Integer.MAX_VALUE,
                RejectedExecutionHandlers.reject());
    }

    TestIoHandler handler() {
        return (TestIoHandler) ioHandler();
    }

    /**
     * Schedules a no-op due now and waits for it. Scheduling wakes the loop; the no-op runs after
     * every task queued before it and every scheduled task due by now (earlier deadline, or the same
     * deadline and scheduled earlier), including the catch-up runs of a fixed-rate task.
     */
    void barrier() throws InterruptedException {
        Future<?> f = schedule(() -> {}, 0, TimeUnit.NANOSECONDS);
        if (!f.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the loop did not run a task within 10 s");
        }
    }

    /** Shuts down without a quiet period and waits for termination (bounded). */
    void shutdownAndAwait() throws InterruptedException {
        shutdownGracefully(0, 5, TimeUnit.SECONDS);
        if (!terminationFuture().await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the loop did not terminate within 10 s");
        }
    }
}
