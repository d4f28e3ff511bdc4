package io.sluice.channel;

import static io.sluice.testing.LogCapture.captureStdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.RejectedExecutionHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event for a handler whose offloading executor refuses it for a reason other than shutdown (a full
 * bounded queue): what it carried is released, a promise fails, an event without one is reported once
 * at WARN, nothing is thrown at the firing thread, and the handler sees none of the refused events.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandlerEventRefusedTest {
    private final DefaultEventExecutorGroup workers =
            DefaultEventExecutorGroup.create(1, "refusing", 16, RejectedExecutionHandlers.reject());
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Semaphore fillersRan = new Semaphore(0);

    @AfterEach
    void stopWorkers() {
        gate.countDown();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Records every event it gets. */
    static final class Recording implements ChannelHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch added = new CountDownLatch(1);
        final CountDownLatch read = new CountDownLatch(1);

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            added.countDown();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events.add("active");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            events.add("read");
            ReferenceCounting.release(msg);
            read.countDown();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add("event");
            ReferenceCounting.release(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            events.add("exception");
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            events.add("write");
            ctx.write(msg, promise);
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            events.add("close");
            ctx.close(promise);
        }
    }

    /** Blocks the worker, then fills its queue until it refuses; returns how many fillers it took. */
    private int fill(EventExecutor worker) throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        worker.execute(() -> {
            blocked.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS)); // off the queue: the slots counted below stay taken
        for (int accepted = 0; accepted < 10_000; accepted++) {
            try {
                worker.execute(fillersRan::release);
            } catch (RejectedExecutionException full) {
                return accepted;
            }
        }
        throw new AssertionError("the bounded queue never refused a task");
    }

    private static Buffer buffer(String s) {
        return Buffers.copyOf(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusedEventsReleaseFailOrReportAndNeverReachTheHandler() throws Exception {
        Recording rec = new Recording();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(workers, "offloaded", rec);
        assertTrue(rec.added.await(10, TimeUnit.SECONDS));
        int fillers = fill(ch.pipeline().context("offloaded").executor());

        Buffer read = buffer("read");
        Buffer event = buffer("event");
        Buffer written = buffer("written");
        ChannelPromise writePromise = ch.newPromise();
        ChannelPromise closePromise = ch.newPromise();
        String log = captureStdout(() -> {
            ch.pipeline().fireChannelActive();
            ch.pipeline().fireChannelRead(read);
            ch.pipeline().fireUserEventTriggered(event);
            ch.pipeline().fireExceptionCaught(new IOException("lost"));
            ch.pipeline().write(written, writePromise);
            ch.pipeline().close(closePromise);
            return null;
        });
        assertEquals(0, read.refCnt(), "a refused read is released");
        assertEquals(0, event.refCnt(), "a refused user event is released");
        assertEquals(0, written.refCnt(), "a refused write is released");
        assertInstanceOf(RejectedExecutionException.class, writePromise.cause());
        assertInstanceOf(RejectedExecutionException.class, closePromise.cause());
        List<String> warnings = Arrays.stream(log.split("\n")).filter(l -> l.contains("WARN")).toList();
        assertEquals(1, warnings.size(), log);
        assertTrue(warnings.get(0).contains("Handler 'offloaded' on ") && warnings.get(0).contains("missed channelActive"),
                log);

        gate.countDown();
        assertTrue(fillersRan.tryAcquire(fillers, 10, TimeUnit.SECONDS));
        ch.pipeline().fireChannelRead(buffer("later"));
        assertTrue(rec.read.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("read"), rec.events, "only the event fired once the queue had room");
        ch.finishAndReleaseAll();
    }
}
