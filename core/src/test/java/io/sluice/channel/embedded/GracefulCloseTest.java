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
import org.junit.jupiter.api.Test;

/** closeGracefully sends what was written before closing; close() does not wait. */
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
}
