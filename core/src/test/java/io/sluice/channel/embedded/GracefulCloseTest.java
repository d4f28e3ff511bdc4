package io.sluice.channel.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * closeGracefully sends what was written before closing; close() does not wait; shutdownOutput waits
 * for the flushed bytes.
 */
class GracefulCloseTest {

    @Test
    void gracefulCloseWaitsUntilEverythingWrittenIsSent() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.stallOutput(true);
        ChannelFuture write = ch.writeAndFlush(Buffers.copyOf("last words", StandardCharsets.UTF_8));
        ChannelFuture closed = ch.closeGracefully();
        ch.runPendingTasks();
        assertTrue(ch.isOpen(), "still sending");
        assertFalse(closed.isDone());

        ch.stallOutput(false);
        assertTrue(write.isSuccess());
        assertTrue(closed.isSuccess());
        assertFalse(ch.isOpen());
        Buffer sent = ch.readOutbound();
        assertEquals("last words", sent.toString(StandardCharsets.UTF_8));
        sent.release();
        assertFalse(ch.finish());
    }

    @Test
    void gracefulCloseWithNothingPendingClosesAtOnce() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ChannelFuture closed = ch.closeGracefully();
        ch.runPendingTasks();
        assertTrue(closed.isSuccess());
        assertFalse(ch.isOpen());
    }

    @Test
    void closeDuringAGracefulCloseFailsUnsentWritesAndCompletesBoth() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.stallOutput(true);
        Buffer msg = Buffers.copyOf("never sent", StandardCharsets.UTF_8);
        ChannelFuture write = ch.writeAndFlush(msg);
        ChannelFuture graceful = ch.closeGracefully();
        ChannelFuture hard = ch.close();
        ch.runPendingTasks();
        assertInstanceOf(ClosedChannelException.class, write.cause());
        assertEquals(0, msg.refCnt(), "the unsent buffer was released");
        assertTrue(graceful.isSuccess());
        assertTrue(hard.isSuccess());
        assertFalse(ch.finish());
    }

    // ---- shutdownOutput, which waits for the flushed bytes as a graceful close waits for all ------

    private static EmbeddedChannel stalledWith(String flushed) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.stallOutput(true);
        ch.writeAndFlush(Buffers.copyOf(flushed, StandardCharsets.UTF_8));
        return ch;
    }

    private static void assertSent(EmbeddedChannel ch, String expected) {
        Buffer sent = ch.readOutbound();
        assertEquals(expected, sent.toString(StandardCharsets.UTF_8));
        sent.release();
    }

    @Test
    void shutdownOutputWaitsForTheFlushedBytesAndASecondOneFollowsTheFirst() {
        EmbeddedChannel ch = stalledWith("flushed");
        ChannelFuture first = ch.shutdownOutput();
        ChannelFuture second = ch.shutdownOutput();
        ch.runPendingTasks();
        assertFalse(first.isDone(), "the flushed bytes are still unsent");
        assertFalse(second.isDone());
        assertFalse(ch.isOutputShutdown());

        ch.stallOutput(false);
        assertTrue(first.isSuccess());
        assertTrue(second.isSuccess());
        assertTrue(ch.isOutputShutdown());
        assertTrue(ch.isOpen(), "half-closed, not closed");
        assertSent(ch, "flushed");
        assertFalse(ch.finish());
    }

    @Test
    void aShutdownOutputAndAGracefulCloseWaitTogetherAndBothEndWhenDrained() {
        EmbeddedChannel ch = stalledWith("both wait");
        ChannelFuture shutdown = ch.shutdownOutput();
        ChannelFuture closed = ch.closeGracefully();
        ch.runPendingTasks();
        assertFalse(shutdown.isDone());
        assertFalse(closed.isDone());

        ch.stallOutput(false);
        ch.runPendingTasks();
        assertTrue(shutdown.isSuccess());
        assertTrue(closed.isSuccess());
        assertFalse(ch.isOpen());
        assertSent(ch, "both wait");
        assertFalse(ch.finish());
    }

    @Test
    void closingFirstCompletesTheGracefulCloseAndFailsTheWaitingShutdownOutput() {
        EmbeddedChannel ch = stalledWith("never sent");
        ChannelFuture shutdown = ch.shutdownOutput();
        ChannelFuture graceful = ch.closeGracefully(1, TimeUnit.HOURS);
        ch.close();
        ch.runPendingTasks();
        assertTrue(graceful.isSuccess(), "it wanted the channel closed: it is");
        assertInstanceOf(ClosedChannelException.class, shutdown.cause());
        assertFalse(ch.isOutputShutdown());
        assertFalse(ch.finish());
    }
}
