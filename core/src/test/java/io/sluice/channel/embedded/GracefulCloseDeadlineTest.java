package io.sluice.channel.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelOption;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful close has a deadline (30 s by default, a channel option, or per call), after which the
 * channel closes anyway; calling it twice completes both futures. Time moves by the manual ticker.
 */
class GracefulCloseDeadlineTest {

    /** A channel whose peer never reads: one write stays unsent. */
    private static EmbeddedChannel stalledWithOneWrite(Buffer msg) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.stallOutput(true);
        ch.writeAndFlush(msg);
        return ch;
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runPendingTasks();
    }

    @Test
    void closesAnywayAfterTheDefaultDeadlineOf30Seconds() {
        Buffer msg = Buffers.copyOf("never read", StandardCharsets.UTF_8);
        EmbeddedChannel ch = stalledWithOneWrite(msg);
        assertEquals(30_000, ch.config().option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS));
        ChannelFuture closed = ch.closeGracefully();
        advance(ch, 29_999);
        assertTrue(ch.isOpen(), "closed before the deadline");
        assertFalse(closed.isDone());
        advance(ch, 1);
        assertTrue(closed.isSuccess());
        assertFalse(ch.isOpen());
        assertEquals(0, msg.refCnt(), "the unsent buffer was released");
        assertFalse(ch.finish());
    }

    @Test
    void theDeadlineIsAChannelOption() {
        Buffer msg = Buffers.copyOf("never read", StandardCharsets.UTF_8);
        EmbeddedChannel ch = stalledWithOneWrite(msg);
        ch.config().option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS, 500);
        ChannelFuture write = ch.writeAndFlush(Buffers.copyOf("also never read", StandardCharsets.UTF_8));
        ChannelFuture closed = ch.closeGracefully();
        advance(ch, 499);
        assertFalse(closed.isDone());
        advance(ch, 1);
        assertTrue(closed.isSuccess());
        assertInstanceOf(ClosedChannelException.class, write.cause());
        assertThrows(IllegalArgumentException.class,
                () -> ch.config().option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS, -1));
    }

    @Test
    void zeroMeansNoDeadline() {
        Buffer msg = Buffers.copyOf("sent late", StandardCharsets.UTF_8);
        EmbeddedChannel ch = stalledWithOneWrite(msg);
        ChannelFuture closed = ch.closeGracefully(0, TimeUnit.MILLISECONDS);
        advance(ch, TimeUnit.DAYS.toMillis(1));
        assertFalse(closed.isDone());
        ch.stallOutput(false);
        assertTrue(closed.isSuccess());
        Buffer sent = ch.readOutbound();
        sent.release();
        assertFalse(ch.finish());
    }

    @Test
    void calledTwiceBothFuturesCompleteWhenTheOutputDrains() {
        EmbeddedChannel ch = stalledWithOneWrite(Buffers.copyOf("last words", StandardCharsets.UTF_8));
        ChannelFuture first = ch.closeGracefully();
        ChannelFuture second = ch.closeGracefully();
        ch.runPendingTasks();
        assertFalse(first.isDone());
        assertFalse(second.isDone());
        ch.stallOutput(false);
        assertTrue(first.isSuccess(), "the first graceful close was dropped");
        assertTrue(second.isSuccess());
        assertFalse(ch.isOpen());
        assertEquals(-1, ch.nextScheduledTaskDelayNanos(), "the deadline outlived the close");
        Buffer sent = ch.readOutbound();
        sent.release();
        assertFalse(ch.finish());
    }

    @Test
    void calledTwiceTheEarlierDeadlineWins() {
        EmbeddedChannel ch = stalledWithOneWrite(Buffers.copyOf("never read", StandardCharsets.UTF_8));
        ChannelFuture first = ch.closeGracefully(); // 30 s
        ChannelFuture second = ch.closeGracefully(2, TimeUnit.SECONDS);
        ChannelFuture third = ch.closeGracefully(10, TimeUnit.SECONDS);
        advance(ch, 1_999);
        assertFalse(first.isDone());
        advance(ch, 1);
        assertTrue(first.isSuccess());
        assertTrue(second.isSuccess());
        assertTrue(third.isSuccess());
        assertFalse(ch.isOpen());
        assertEquals(-1, ch.nextScheduledTaskDelayNanos(), "a deadline outlived the close");
        assertFalse(ch.finish());
    }

    @Test
    void aNegativeDeadlineIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ch.closeGracefully(-1, TimeUnit.SECONDS));
        assertEquals("timeout: -1 (expected: >= 0)", e.getMessage());
        assertFalse(ch.finish());
    }
}
