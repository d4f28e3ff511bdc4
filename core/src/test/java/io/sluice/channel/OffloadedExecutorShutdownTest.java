package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handler offloaded to an executor group that terminated before its channel closed (workers shut
 * down before the I/O loops): its events and handlerRemoved run on the channel's loop, teardown
 * removes every handler, and deregistration completes (issue 19, item 7).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OffloadedExecutorShutdownTest {
    private final DefaultEventExecutorGroup workers = DefaultEventExecutorGroup.create(1);

    @AfterEach
    void stopWorkers() {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Records what it sees and the thread; releases what it reads. */
    static final class Offloaded implements ChannelHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch added = new CountDownLatch(1);
        volatile Thread lastThread;

        private void seen(String event) {
            events.add(event);
            lastThread = Thread.currentThread();
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            added.countDown();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen("read:" + (msg instanceof Buffer b ? b.toString(java.nio.charset.StandardCharsets.US_ASCII) : msg));
            ReferenceCounting.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            seen("inactive");
        }

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {
            seen("unregistered");
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            seen("removed");
        }
    }

    /** Holds a buffer for the connection, as a decoder holds its cumulation; releases it when removed. */
    static final class Holder implements ChannelHandler {
        final Buffer held = Buffers.copyOf("held", java.nio.charset.StandardCharsets.US_ASCII);

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            held.release();
        }
    }

    private EmbeddedChannel channelWithDeadWorker(Offloaded offloaded, Holder holder) throws InterruptedException {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("holder", holder);
        ch.pipeline().addLast(workers, "offloaded", offloaded);
        assertTrue(offloaded.added.await(10, TimeUnit.SECONDS));
        assertTrue(workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS));
        return ch;
    }

    @Test
    void closingAfterTheWorkersTerminatedRemovesEveryHandlerAndDeregisters() throws Exception {
        Offloaded offloaded = new Offloaded();
        Holder holder = new Holder();
        EmbeddedChannel ch = channelWithDeadWorker(offloaded, holder);
        ChannelFuture closed = ch.close();
        assertTrue(closed.isSuccess(), () -> "close: " + closed.cause());
        assertEquals(List.of("inactive", "unregistered", "removed"), offloaded.events);
        assertSame(Thread.currentThread(), offloaded.lastThread, "on the channel's loop (here, the test thread)");
        assertEquals(0, holder.held.refCnt(), "the handler nearer the head was removed too");
        assertFalse(ch.isRegistered(), "deregistration completed");
        assertEquals(List.of(), ch.pipeline().names());
        assertFalse(ch.finish());
    }

    @Test
    void inboundEventsForAHandlerWhoseExecutorTerminatedAreDeliveredNotLost() throws Exception {
        Offloaded offloaded = new Offloaded();
        Holder holder = new Holder();
        EmbeddedChannel ch = channelWithDeadWorker(offloaded, holder);
        Buffer msg = Buffers.copyOf("late", java.nio.charset.StandardCharsets.US_ASCII);
        ch.writeInbound(msg);
        assertEquals(List.of("read:late"), offloaded.events);
        assertEquals(0, msg.refCnt());
        assertSame(ch.eventLoop(), ch.pipeline().context("offloaded").executor(), "now runs on the channel's loop");
        assertFalse(ch.finish());
        assertEquals(List.of("read:late", "inactive", "unregistered", "removed"), offloaded.events);
    }

    /** Puts itself on a shared queue when removed. */
    static final class RemovalOrder implements ChannelHandler {
        private final java.util.concurrent.BlockingQueue<RemovalOrder> removed;

        RemovalOrder(java.util.concurrent.BlockingQueue<RemovalOrder> removed) {
            this.removed = removed;
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            removed.add(this);
        }
    }

    /**
     * Netty's DefaultChannelPipelineTest.testHandlerAddedAndRemovedCalledInCorrectOrder: teardown
     * removes handlers from the tail to the head, waiting for each offloaded one on its executor
     * before going on, so handlerRemoved runs in that order across executors.
     */
    @Test
    void teardownRemovesHandlersTailToHeadAcrossExecutors() throws Exception {
        DefaultEventExecutorGroup other = DefaultEventExecutorGroup.create(1);
        try {
            java.util.concurrent.BlockingQueue<RemovalOrder> removed = new java.util.concurrent.LinkedBlockingQueue<>();
            RemovalOrder h1 = new RemovalOrder(removed);
            RemovalOrder h2 = new RemovalOrder(removed);
            RemovalOrder h3 = new RemovalOrder(removed);
            RemovalOrder h4 = new RemovalOrder(removed);
            EmbeddedChannel ch = new EmbeddedChannel(h1);
            ch.pipeline().addLast(workers, "h2", h2);
            ch.pipeline().addLast(other, "h3", h3);
            ch.pipeline().addLast("h4", h4);
            ch.close();
            for (RemovalOrder expected : List.of(h4, h3, h2, h1)) {
                assertSame(expected, removed.poll(10, TimeUnit.SECONDS));
            }
            assertFalse(ch.finish());
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void removingTheHandlerAfterItsExecutorTerminatedStillCallsHandlerRemoved() throws Exception {
        Offloaded offloaded = new Offloaded();
        Holder holder = new Holder();
        EmbeddedChannel ch = channelWithDeadWorker(offloaded, holder);
        ch.pipeline().remove("offloaded");
        assertEquals(List.of("removed"), offloaded.events);
        assertFalse(ch.finish());
        assertEquals(0, holder.held.refCnt());
    }
}
