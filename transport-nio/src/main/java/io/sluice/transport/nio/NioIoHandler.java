package io.sluice.transport.nio;

import io.sluice.channel.spi.IoHandler;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of an NIO event loop: one {@link Selector}. Ready keys are collected with
 * {@link Selector#select(Consumer, long)} into a reused array (no iterator, no selected-key set
 * churn per wake-up). A selector that keeps returning early with nothing ready (the epoll spin
 * some JDK/kernel combinations show) is replaced by a fresh one with the same registrations.
 */
final class NioIoHandler implements IoHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NioIoHandler.class);
    /** Early empty returns in a row after which the selector is rebuilt. */
    private static final int REBUILD_THRESHOLD = Integer.getInteger("io.sluice.nio.selectorRebuildThreshold", 512);

    private Selector selector;
    private SelectionKey[] ready = new SelectionKey[64];
    private int readyCount;
    private final Consumer<SelectionKey> collect = this::collect;
    /** Set by {@link #wakeUp()}, so an early return that was asked for is not counted as a spin. */
    private volatile boolean wokenUp;
    private int prematureReturns;

    NioIoHandler() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
    }

    private void collect(SelectionKey key) {
        if (readyCount == ready.length) {
            ready = Arrays.copyOf(ready, readyCount * 2);
        }
        ready[readyCount++] = key;
    }

    SelectionKey register(AbstractNioChannel channel, int ops) throws IOException {
        return channel.javaChannel().register(selector, ops, channel);
    }

    @Override
    public void waitForIo(long timeoutNanos) throws IOException {
        if (timeoutNanos == 0) {
            selector.selectNow(collect);
            return;
        }
        wokenUp = false;
        long timeoutMillis = timeoutNanos == Long.MAX_VALUE ? 0 // select(.., 0) blocks without a timeout
                : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
        // the clock is read only for a timed wait: an untimed one that returns with nothing is early anyway
        long start = timeoutMillis == 0 ? 0 : System.nanoTime();
        int selected = selector.select(collect, timeoutMillis);
        if (selected == 0 && !wokenUp && !Thread.currentThread().isInterrupted()
                && (timeoutMillis == 0 || System.nanoTime() - start < timeoutNanos / 2)) {
            if (++prematureReturns >= REBUILD_THRESHOLD) {
                LOG.warn("Selector returned early {} times in a row with nothing ready; rebuilding it", prematureReturns);
                rebuildSelector();
            }
        } else {
            prematureReturns = 0;
        }
    }

    @Override
    public void wakeUp() {
        wokenUp = true;
        selector.wakeup();
    }

    @Override
    public void processReady() {
        int n = readyCount;
        readyCount = 0;
        for (int i = 0; i < n; i++) {
            SelectionKey key = ready[i];
            ready[i] = null;
            AbstractNioChannel channel = (AbstractNioChannel) key.attachment();
            try {
                channel.processReady(key.readyOps());
            } catch (CancelledKeyException e) {
                channel.closeNow();
            }
        }
    }

    /** Replaces the selector, moving every registration over. */
    void rebuildSelector() {
        Selector fresh;
        try {
            fresh = Selector.open();
        } catch (IOException e) {
            LOG.warn("Could not open a new selector; keeping the old one", e);
            return;
        }
        for (SelectionKey key : selector.keys()) {
            AbstractNioChannel channel = (AbstractNioChannel) key.attachment();
            try {
                if (key.isValid()) {
                    int ops = key.interestOps();
                    key.cancel();
                    channel.selectionKey(channel.javaChannel().register(fresh, ops, channel));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Failed to move {} to a new selector; closing it", channel, e);
                channel.closeNow();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Failed to close the old selector", e);
        }
        selector = fresh;
        prematureReturns = 0;
    }

    @Override
    public void prepareToShutdown() {
        for (SelectionKey key : selector.keys()) {
            ((AbstractNioChannel) key.attachment()).closeNow();
        }
    }

    @Override
    public void destroy() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.warn("Failed to close a selector", e);
        }
    }
}
