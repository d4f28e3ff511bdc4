package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The listener constants a Netty user reaches for, on an {@code EmbeddedChannel}. */
class ChannelFutureListenerTest {
    private static final IOException REFUSED = new IOException("write refused");

    /** Fails every write. */
    private static final class FailingWrites implements ChannelHandler {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCounting.release(msg);
            promise.setFailure(REFUSED);
        }
    }

    @Test
    void closeClosesAfterASuccessfulWrite() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.writeAndFlush(Buffers.copyOf(new byte[] {1})).addListener(ChannelFutureListener.CLOSE);
        assertFalse(ch.isOpen());
        Buffer sent = ch.readOutbound();
        sent.release();
        assertFalse(ch.finish());
    }

    @Test
    void closeOnFailureKeepsTheChannelAfterASuccessAndClosesAfterAFailure() {
        EmbeddedChannel ok = new EmbeddedChannel();
        ok.writeAndFlush(Buffers.copyOf(new byte[] {1})).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        assertTrue(ok.isOpen());
        Buffer sent = ok.readOutbound();
        sent.release();
        assertFalse(ok.finish());

        EmbeddedChannel failing = new EmbeddedChannel(new FailingWrites());
        failing.config().option(ChannelOption.AUTO_CLOSE, false);  // the listener closes it, not the failed write
        failing.writeAndFlush(Buffers.copyOf(new byte[] {1})).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        assertFalse(failing.isOpen());
    }

    @Test
    void closeGracefullySendsWhatWasWrittenThenCloses() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.write(Buffers.copyOf(new byte[] {1}));
        ch.writeAndFlush(Buffers.copyOf(new byte[] {2})).addListener(ChannelFutureListener.CLOSE_GRACEFULLY);
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        for (int expected = 1; expected <= 2; expected++) {
            Buffer sent = ch.readOutbound();
            assertSame((byte) expected, sent.getByte(0));
            sent.release();
        }
    }

    @Test
    void fireExceptionOnFailureHandsTheCauseToThePipeline() {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        EmbeddedChannel ch = new EmbeddedChannel(new FailingWrites(), new ChannelHandler() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.set(cause);
            }
        });
        ch.config().option(ChannelOption.AUTO_CLOSE, false);
        ch.writeAndFlush(Buffers.copyOf(new byte[] {1})).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        assertSame(REFUSED, caught.get());
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }
}
