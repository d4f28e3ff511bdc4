package io.sluice.handler.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FlushConsolidationHandlerTest {

    /** Counts the flushes that get past the handler under test. */
    static final class FlushCounter implements ChannelHandler {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    /** Echoes each message and flushes per message: the worst case the handler fixes. */
    static final class FlushPerMessage implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
            ctx.flush();
        }
    }

    @Test
    void flushesOnceAtTheEndOfTheReadBatch() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel ch = new EmbeddedChannel(counter, FlushConsolidationHandler.create(), new FlushPerMessage());
        ch.writeInbound("a", "b", "c", "d");
        assertEquals(1, counter.flushes);
        assertEquals(4, ch.outboundMessages().size(), "every write left, in one flush");
        ch.writeInbound("e");
        assertEquals(2, counter.flushes);
        ch.finishAndReleaseAll();
    }

    @Test
    void letsEveryNthFlushThroughDuringALongBatch() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel ch = new EmbeddedChannel(counter, FlushConsolidationHandler.create(3, false),
                new FlushPerMessage());
        for (int i = 0; i < 7; i++) {
            ch.writeOneInbound(i);
        }
        assertEquals(2, counter.flushes);
        assertEquals(6, ch.outboundMessages().size());
        ch.pipeline().fireChannelReadComplete();
        assertEquals(3, counter.flushes, "the batch's end lets the held flush through");
        assertEquals(7, ch.outboundMessages().size());
        ch.finishAndReleaseAll();
    }

    @Test
    void outsideABatchFlushesAtOnceByDefault() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel ch = new EmbeddedChannel(counter, FlushConsolidationHandler.create());
        ch.writeOutbound("x");
        ch.writeOutbound("y");
        assertEquals(2, counter.flushes);
        ch.finishAndReleaseAll();
    }

    @Test
    void outsideABatchCoalescesThroughATaskWhenAskedTo() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel ch = new EmbeddedChannel(counter, FlushConsolidationHandler.create(256, true));
        ch.write("x");
        ch.flush();
        ch.write("y");
        ch.flush();
        assertEquals(0, counter.flushes);
        ch.runPendingTasks();
        assertEquals(1, counter.flushes);
        assertEquals(2, ch.outboundMessages().size());
        ch.finishAndReleaseAll();
    }

    @Test
    void aHeldFlushGoesOutBeforeClose() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel ch = new EmbeddedChannel(counter, FlushConsolidationHandler.create(), new FlushPerMessage());
        ch.writeOneInbound("a");
        assertEquals(0, counter.flushes);
        ch.close();
        assertEquals(1, counter.flushes);
        assertEquals("a", ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aHeldFlushGoesOutWhenRemoved() {
        FlushCounter counter = new FlushCounter();
        FlushConsolidationHandler handler = FlushConsolidationHandler.create();
        EmbeddedChannel ch = new EmbeddedChannel(counter, handler, new FlushPerMessage());
        ch.writeOneInbound("a");
        ch.pipeline().remove(handler);
        assertEquals(1, counter.flushes);
        ch.finishAndReleaseAll();
    }

    @Test
    void writeWithPromiseStillCompletesAfterTheBatch() {
        EmbeddedChannel ch = new EmbeddedChannel(FlushConsolidationHandler.create(), new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ChannelPromise p = ctx.newPromise();
                ctx.writeAndFlush(msg, p);
            }
        });
        ch.writeInbound("a");
        assertEquals("a", ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void limitMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlushConsolidationHandler.create(0, false));
        assertEquals("explicitFlushAfterFlushes: 0 (expected: > 0)", e.getMessage());
    }
}
