package io.sluice.channel.embedded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.AttributeKey;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test channel itself: driving messages, tasks, time, exceptions, finishing, attributes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedChannelTest {

    /** Upper-cases Strings in both directions. */
    static final class Upper implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(((String) msg).toUpperCase(Locale.ROOT));
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(((String) msg).toUpperCase(Locale.ROOT), promise);
        }
    }

    private static Buffer bytes(String text) {
        return Buffers.copyOf(text, StandardCharsets.US_ASCII);
    }

    @Test
    void writeInboundThenReadInboundInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new Upper());
        assertTrue(ch.isOpen());
        assertTrue(ch.isActive());
        assertTrue(ch.isRegistered());
        assertTrue(ch.writeInbound("a", "b"));
        assertEquals(2, ch.inboundMessages().size());
        assertEquals("A", ch.readInbound());
        assertEquals("B", ch.readInbound());
        assertNull(ch.readInbound());
        assertFalse(ch.writeInbound(), "nothing waiting");
        assertFalse(ch.finish());
    }

    @Test
    void writeOutboundThenReadOutboundInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new Upper());
        assertTrue(ch.writeOutbound("x", "y"));
        assertEquals("X", ch.readOutbound());
        assertEquals("Y", ch.readOutbound());
        assertNull(ch.readOutbound());

        ChannelFuture f = ch.writeOneOutbound("z");
        assertFalse(f.isDone());
        assertNull(ch.readOutbound(), "not flushed yet");
        ch.flush();
        assertTrue(f.isSuccess());
        assertEquals("Z", ch.readOutbound());
        assertFalse(ch.finish());
    }

    @Test
    void buffersKeepTheirReferenceOnTheWayOut() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Buffer buf = bytes("out");
        assertTrue(ch.writeOutbound(buf));
        Buffer out = ch.readOutbound();
        assertSame(buf, out);
        assertEquals(1, out.refCnt(), "the test owns what it read");
        out.release();
        assertFalse(ch.finish());
    }

    @Test
    void tasksRunOnlyWhenTheTestRunsThem() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<String> ran = new ArrayList<>();
        assertTrue(ch.eventLoop().inEventLoop(), "the test thread counts as the loop");
        ch.eventLoop().execute(() -> {
            ran.add("first");
            ch.eventLoop().execute(() -> ran.add("queued by a task"));
        });
        assertEquals(List.of(), ran);
        ch.runPendingTasks();
        assertEquals(List.of("first", "queued by a task"), ran);
        assertFalse(ch.finish());
    }

    @Test
    void scheduledTasksRunWhenTimeIsAdvancedPastTheirDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<String> ran = new ArrayList<>();
        ScheduledFuture<?> f = ch.eventLoop().schedule(() -> ran.add("due"), 5, TimeUnit.SECONDS);
        assertEquals(TimeUnit.SECONDS.toNanos(5), ch.nextScheduledTaskDelayNanos());
        ch.runPendingTasks();
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        assertEquals(List.of(), ran);
        assertFalse(f.isDone());
        assertEquals(TimeUnit.SECONDS.toNanos(1), ch.nextScheduledTaskDelayNanos());
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        assertEquals(List.of("due"), ran);
        assertTrue(f.isSuccess());
        assertEquals(-1, ch.nextScheduledTaskDelayNanos());
        assertFalse(ch.finish());
    }

    @Test
    void aCancelledScheduledTaskNeverRuns() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<String> ran = new ArrayList<>();
        ScheduledFuture<?> f = ch.eventLoop().schedule(() -> ran.add("cancelled"), 1, TimeUnit.SECONDS);
        assertTrue(f.cancel(false));
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        assertEquals(List.of(), ran);
        assertFalse(ch.finish());
    }

    @Test
    void finishDropsScheduledTasks() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<String> ran = new ArrayList<>();
        ScheduledFuture<?> f1 = ch.eventLoop().schedule(() -> ran.add("late"), 1, TimeUnit.SECONDS);
        ScheduledFuture<?> f2 = ch.eventLoop().schedule(() -> ran.add("later"), 2, TimeUnit.SECONDS);
        assertFalse(ch.finish());
        ch.advanceTimeBy(3, TimeUnit.SECONDS);
        assertEquals(List.of(), ran);
        assertTrue(f1.isCancelled());
        assertTrue(f2.isCancelled(), "every dropped task's future completes");
    }

    @Test
    void finishWithManyScheduledTasksDoesNotThrow() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<ScheduledFuture<?>> futures = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            futures.add(ch.eventLoop().schedule(() -> {}, i, TimeUnit.SECONDS));
        }
        assertFalse(assertDoesNotThrow(ch::finish));
        for (ScheduledFuture<?> f : futures) {
            assertTrue(f.isCancelled());
        }
    }

    @Test
    void checkExceptionRethrowsAHandlersExceptionOnce() {
        IllegalStateException boom = new IllegalStateException("boom");
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                throw boom;
            }
        });
        ch.pipeline().fireChannelRead("m");
        assertSame(boom, assertThrows(IllegalStateException.class, ch::checkException));
        assertDoesNotThrow(ch::checkException);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> ch.writeInbound("m")),
                "writeInbound checks too");
        assertDoesNotThrow(ch::checkException);
        assertFalse(ch.finish());
    }

    @Test
    void finishReportsWhetherMessagesRemain() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.writeInbound("in");
        assertTrue(ch.finish());
        assertFalse(ch.isOpen());
        assertFalse(ch.isActive());
        assertTrue(ch.closeFuture().isDone());
        assertEquals("in", ch.readInbound());

        EmbeddedChannel out = new EmbeddedChannel();
        out.writeOutbound("out");
        assertTrue(out.finish());
        assertEquals("out", out.readOutbound());
        assertFalse(out.finish(), "finishing twice is harmless");

        EmbeddedChannel empty = new EmbeddedChannel();
        assertFalse(empty.finish());
        assertThrows(ClosedChannelException.class, () -> empty.writeInbound("late"));
        assertThrows(ClosedChannelException.class, () -> empty.writeOutbound("late"));
    }

    @Test
    void writingAfterCloseFailsWithClosedChannelExceptionAndReleases() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.close();
        Buffer in = bytes("in");
        Buffer out = bytes("out");
        assertThrows(ClosedChannelException.class, () -> ch.writeInbound(in));
        assertThrows(ClosedChannelException.class, () -> ch.writeOutbound(out));
        assertEquals(0, in.refCnt());
        assertEquals(0, out.refCnt());
        assertInstanceOf(ClosedChannelException.class, ch.writeOneOutbound("late").cause());
        assertInstanceOf(ClosedChannelException.class, ch.writeOneInbound("late").cause());
        assertFalse(ch.finish());
    }

    @Test
    void writeOutboundRethrowsAFailedWrite() {
        IllegalArgumentException refused = new IllegalArgumentException("cannot encode");
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelHandler() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if ("bad".equals(msg)) {
                    promise.setFailure(refused);
                } else {
                    ctx.write(msg, promise);
                }
            }
        });
        assertSame(refused, assertThrows(IllegalArgumentException.class, () -> ch.writeOutbound("good", "bad")));
        assertEquals("good", ch.readOutbound(), "the other write went out");
        assertDoesNotThrow(() -> ch.writeOutbound("good"), "reported once");
        assertEquals("good", ch.readOutbound());
        assertFalse(ch.finish());
    }

    @Test
    void writeOutboundRunsDeferredWritesBeforeFlushing() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelHandler() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ctx.executor().execute(() -> ctx.write(msg, promise));
            }
        });
        assertTrue(ch.writeOutbound("deferred"));
        assertEquals("deferred", ch.readOutbound());
        assertFalse(ch.finish());
    }

    /** Records the lifecycle events it sees. */
    static class Lifecycle implements ChannelHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.add("inactive");
            ctx.fireChannelInactive();
        }

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {
            events.add("unregistered");
            ctx.fireChannelUnregistered();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            events.add("removed");
        }
    }

    @Test
    void closeFiresInactiveAndUnregisteredBeforeItReturns() {
        Lifecycle seen = new Lifecycle();
        EmbeddedChannel ch = new EmbeddedChannel(seen);
        assertTrue(ch.close().isSuccess());
        assertEquals(List.of("inactive", "unregistered", "removed"), seen.events);
        assertFalse(ch.finish());
    }

    @Test
    void disconnectFiresInactiveAndUnregisteredBeforeItReturns() {
        Lifecycle seen = new Lifecycle();
        EmbeddedChannel ch = new EmbeddedChannel(seen);
        assertTrue(ch.disconnect().isSuccess());
        assertEquals(List.of("inactive", "unregistered", "removed"), seen.events);
        assertFalse(ch.isOpen());
        assertFalse(ch.finish());
    }

    @Test
    void aTaskQueuedByChannelInactiveHasRunWhenCloseReturns() {
        List<String> ran = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelHandler() {
            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                ctx.executor().execute(() -> ran.add("queued by channelInactive"));
            }
        });
        ch.close();
        assertEquals(List.of("queued by channelInactive"), ran);
        assertFalse(ch.finish());
    }

    @Test
    void closingAgainFromACloseFutureListenerEnds() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.closeFuture().addListener(f -> ch.close());
        assertTrue(ch.close().isSuccess());
        assertFalse(ch.isOpen());
        assertFalse(ch.finish());
    }

    /**
     * Netty's EmbeddedChannel runs pending tasks after every operation that reaches the transport,
     * so there channelInactive has fired when fireExceptionCaught returns. Here a close a handler
     * starts through its context queues the events like any transport: they fire when the test's
     * driving call (or, for an event the test fired itself, its next runPendingTasks) runs them.
     */
    @Test
    void aCloseFromAHandlerFiresChannelInactiveWhenTheTasksRun() {
        Lifecycle seen = new Lifecycle() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(seen);
        ch.pipeline().fireExceptionCaught(new IllegalStateException("bad input"));
        assertFalse(ch.isOpen());
        assertEquals(List.of(), seen.events, "queued");
        ch.runPendingTasks();
        assertEquals(List.of("inactive", "unregistered", "removed"), seen.events);

        Lifecycle viaWrite = new Lifecycle() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.close();
            }
        };
        EmbeddedChannel other = new EmbeddedChannel(viaWrite);
        other.writeInbound("closes");
        assertEquals(List.of("inactive", "unregistered", "removed"), viaWrite.events, "run by writeInbound");
        assertFalse(ch.finish());
        assertFalse(other.finish());
    }

    @Test
    void closingInsideChannelReadRemovesTheHandlerOnlyAfterTheReadReturns() {
        List<String> events = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelHandler() {
            boolean inRead;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                inRead = true;
                try {
                    ctx.channel().close();
                } finally {
                    inRead = false;
                }
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                events.add(inRead ? "removed during channelRead" : "removed after channelRead");
            }
        });
        ch.writeInbound("closes");
        assertEquals(List.of("removed after channelRead"), events);
        assertFalse(ch.finish());
    }

    @Test
    void closeRunsAWriteDeferredToATaskFirst() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.eventLoop().execute(() -> ch.writeAndFlush("last words"));
        ch.close();
        assertEquals("last words", ch.readOutbound());
        assertFalse(ch.finish());
    }

    @Test
    void theLoopRefusesAPeriodThatIsNotPositiveAsTheRealOneDoes() {
        EmbeddedChannel ch = new EmbeddedChannel();
        assertThrows(IllegalArgumentException.class,
                () -> ch.eventLoop().scheduleAtFixedRate(() -> {}, 1, 0, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class,
                () -> ch.eventLoop().scheduleWithFixedDelay(() -> {}, 1, -1, TimeUnit.SECONDS));
        assertFalse(ch.finish());
    }

    @Test
    void periodicTasksEndWhenTheLoopShutsDown() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<String> ran = new ArrayList<>();
        ScheduledFuture<?> rate = ch.eventLoop().scheduleAtFixedRate(() -> ran.add("rate"), 1, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> delay = ch.eventLoop().scheduleWithFixedDelay(() -> ran.add("delay"), 1, 1,
                TimeUnit.SECONDS);
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        assertEquals(List.of("rate", "delay"), ran);
        ch.eventLoop().shutdownGracefully();
        assertTrue(rate.isCancelled());
        assertTrue(delay.isCancelled());
        ch.advanceTimeBy(5, TimeUnit.SECONDS);
        assertEquals(List.of("rate", "delay"), ran, "no run after shutdown");
        ScheduledFuture<?> late = ch.eventLoop().schedule(() -> ran.add("late"), 1, TimeUnit.SECONDS);
        assertTrue(late.isCancelled(), "scheduled after shutdown: cancelled, not left pending");
        assertFalse(ch.finish());
    }

    @Test
    void aFixedRateTaskThatFellBehindCatchesUp() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<String> ran = new ArrayList<>();
        ch.eventLoop().scheduleAtFixedRate(() -> ran.add("tick"), 1, 1, TimeUnit.SECONDS);
        ch.advanceTimeBy(3, TimeUnit.SECONDS);
        assertEquals(3, ran.size());
        assertEquals(TimeUnit.SECONDS.toNanos(1), ch.nextScheduledTaskDelayNanos());
        assertFalse(ch.finish());
    }

    @Test
    void finishAndReleaseAllReleasesWhatIsWaiting() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Buffer in1 = bytes("in1");
        Buffer in2 = bytes("in2");
        Buffer out = bytes("out");
        ch.writeInbound(in1, in2);
        ch.writeOutbound(out);
        assertTrue(ch.finishAndReleaseAll());
        assertEquals(0, in1.refCnt());
        assertEquals(0, in2.refCnt());
        assertEquals(0, out.refCnt());
        assertNull(ch.readInbound());
        assertNull(ch.readOutbound());
        assertFalse(new EmbeddedChannel().finishAndReleaseAll());
    }

    @Test
    void releaseInboundAndOutboundSeparately() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Buffer in = bytes("in");
        Buffer out = bytes("out");
        ch.writeInbound(in);
        ch.writeOutbound(out);
        assertTrue(ch.releaseInbound());
        assertEquals(0, in.refCnt());
        assertEquals(1, out.refCnt());
        assertFalse(ch.releaseInbound());
        assertTrue(ch.releaseOutbound());
        assertEquals(0, out.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void shutdownOutputIsRecorded() {
        EmbeddedChannel ch = new EmbeddedChannel();
        assertFalse(ch.isOutputShutdown());
        assertTrue(ch.shutdownOutput().isSuccess());
        assertTrue(ch.isOutputShutdown());
        assertTrue(ch.isOpen(), "half-closed, not closed");
        assertFalse(ch.finish());
    }

    @Test
    void attributes() {
        EmbeddedChannel ch = new EmbeddedChannel();
        AttributeKey<String> key = AttributeKey.valueOf("EmbeddedChannelTest.user");
        assertSame(key, AttributeKey.valueOf("EmbeddedChannelTest.user"), "interned by name");
        assertNotSame(key, AttributeKey.valueOf("EmbeddedChannelTest.other"));
        assertEquals("EmbeddedChannelTest.user", key.name());
        assertFalse(ch.hasAttr(key));
        assertNull(ch.attr(key).get());
        assertTrue(ch.hasAttr(key), "created on first use");
        ch.attr(key).set("alice");
        assertEquals("alice", ch.attr(key).get());
        assertSame(ch.attr(key), ch.attr(key));
        assertSame(key, ch.attr(key).key());
        assertEquals("alice", ch.attr(key).setIfAbsent("bob"));
        AttributeKey<Integer> count = AttributeKey.valueOf("EmbeddedChannelTest.count");
        assertEquals(7, ch.attr(count).setIfAbsent(7));

        EmbeddedChannel other = new EmbeddedChannel();
        assertFalse(other.hasAttr(key), "attributes are per channel");
        assertNull(other.attr(key).get());
        assertFalse(ch.finish());
        assertFalse(other.finish());
    }
}
