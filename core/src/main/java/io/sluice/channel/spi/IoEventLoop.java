package io.sluice.channel.spi;

import io.sluice.channel.EventLoop;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.EventLoopThreads;
import io.sluice.concurrent.RejectedExecutionHandler;
import io.sluice.concurrent.SingleThreadEventExecutor;
import io.sluice.concurrent.Ticker;
import java.util.concurrent.ThreadFactory;

/**
 * The event loop of every transport: a {@link SingleThreadEventExecutor} whose wait is the
 * transport's {@link IoHandler} (a selector, say). Each turn waits for I/O (bounded by the next
 * scheduled task), processes ready I/O, then runs tasks for a share of time set by the I/O ratio.
 * Futures must not be waited for on its thread.
 */
public class IoEventLoop extends SingleThreadEventExecutor implements EventLoop {
    private final IoHandler ioHandler;
    private final int ioRatio;

    /**
     * Creates a loop; its thread starts with the first task.
     *
     * @param parent the group, or {@code null}
     * @param ioHandler the transport's I/O
     * @param ioRatio percentage of time for I/O, 1-100 (100: run all tasks every turn)
     */
    protected IoEventLoop(EventLoopGroup parent, ThreadFactory threadFactory, IoHandler ioHandler, int ioRatio,
            Ticker ticker, int maxPendingTasks, RejectedExecutionHandler rejectedHandler) {
        super(parent, threadFactory, ticker, maxPendingTasks, rejectedHandler);
        if (ioRatio < 1 || ioRatio > 100) {
            throw new IllegalArgumentException("ioRatio: " + ioRatio + " (expected: 1-100)");
        }
        this.ioHandler = ioHandler;
        this.ioRatio = ioRatio;
    }

    /** Returns a standalone loop over {@code ioHandler}, with an I/O ratio of 50 and an unbounded queue. */
    public static IoEventLoop create(String threadName, IoHandler ioHandler) {
        return new IoEventLoop(null, EventLoopThreads.factory(threadName, true), ioHandler, 50, Ticker.system(),
                Integer.MAX_VALUE, io.sluice.concurrent.RejectedExecutionHandlers.reject());
    }

    /** Returns the transport's I/O handler. */
    public IoHandler ioHandler() {
        return ioHandler;
    }

    @Override
    public EventLoop next() {
        return this;
    }

    @Override
    public EventLoopGroup parent() {
        return (EventLoopGroup) super.parent();
    }

    @Override
    protected void waitForWork(long timeoutNanos) throws Exception {
        ioHandler.waitForIo(timeoutNanos);
    }

    @Override
    protected void wakeUp() {
        ioHandler.wakeUp();
    }

    @Override
    protected void processIo() throws Exception {
        ioHandler.processReady();
    }

    @Override
    protected int ioRatio() {
        return ioRatio;
    }

    @Override
    protected void onShuttingDown() {
        ioHandler.prepareToShutdown();
    }

    @Override
    protected void cleanup() {
        ioHandler.destroy();
    }
}
