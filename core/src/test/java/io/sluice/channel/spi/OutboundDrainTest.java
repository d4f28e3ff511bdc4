package io.sluice.channel.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What waits for the outbound buffer to drain: {@code shutdownOutput} after the flushed bytes,
 * {@code closeGracefully} after every byte, and how both end when the channel closes first.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundDrainTest {
    private final EmbeddedChannel ch = new EmbeddedChannel();

    OutboundDrainTest() {
        ch.stallOutput(true);
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private static Buffer bytes(int n) {
        return Buffers.copyOf(new byte[n]);
    }

    @Test
    void shutdownOutputWaitsForTheFlushedBytesAndASecondOneFollowsTheFirst() {
        ch.writeAndFlush(bytes(8));
        ChannelFuture first = ch.shutdownOutput();
        ChannelFuture second = ch.shutdownOutput();
        ch.runPendingTasks();
        assertFalse(first.isDone(), "8 flushed bytes are still unsent");
        assertFalse(second.isDone());
        assertFalse(ch.isOutputShutdown());

        ch.stallOutput(false);
        ch.runPendingTasks();
        assertTrue(first.isSuccess());
        assertTrue(second.isSuccess());
        assertTrue(ch.isOutputShutdown());
        assertTrue(ch.isOpen(), "half-closed, not closed");
        Buffer sent = ch.readOutbound();
        assertEquals(8, sent.readableBytes(), "the bytes went out before the shutdown");
        sent.release();
    }

    @Test
    void aGracefulCloseAndAShutdownOutputWaitTogetherAndBothEndWhenDrained() {
        ch.writeAndFlush(bytes(4));
        ChannelFuture shutdown = ch.shutdownOutput();
        ChannelFuture close = ch.closeGracefully();
        ch.runPendingTasks();
        assertFalse(shutdown.isDone());
        assertFalse(close.isDone());
        assertTrue(ch.isOpen());

        ch.stallOutput(false);
        ch.runPendingTasks();
        assertTrue(shutdown.isSuccess());
        assertTrue(close.isSuccess());
        assertFalse(ch.isOpen());
        Buffer sent = ch.readOutbound();
        assertEquals(4, sent.readableBytes());
        sent.release();
    }

    @Test
    void closingFirstCompletesTheGracefulCloseAndFailsTheShutdownOutput() {
        Buffer unsent = bytes(4);
        ChannelFuture write = ch.writeAndFlush(unsent);
        ChannelFuture shutdown = ch.shutdownOutput();
        ChannelFuture close = ch.closeGracefully(1, TimeUnit.HOURS);
        ch.close();
        ch.runPendingTasks();
        assertTrue(close.isSuccess(), "it wanted the channel closed: it is");
        assertInstanceOf(ClosedChannelException.class, shutdown.cause());
        assertInstanceOf(ClosedChannelException.class, write.cause());
        assertEquals(0, unsent.refCnt(), "the unsent write was released");
        assertFalse(ch.isOutputShutdown());
    }
}
