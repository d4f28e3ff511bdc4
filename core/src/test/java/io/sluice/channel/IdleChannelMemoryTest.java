package io.sluice.channel;

import static io.sluice.channel.LoopbackTestChannel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.Ticker;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an idle connection does not hold (issue 18, memory per connection): a channel that never
 * asked for its void promise has none; the outbound ring has no arrays once drained; a generated
 * handler name is one String for all pipelines. State changes from another thread still apply.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdleChannelMemoryTest {

    private static Object field(AbstractChannel channel, String name) throws ReflectiveOperationException {
        Field f = AbstractChannel.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(channel);
    }

    /** The channel's outbound buffer (protected in the SPI, for transports). */
    static ChannelOutboundBuffer outboundBuffer(AbstractChannel channel) throws ReflectiveOperationException {
        Method m = AbstractChannel.class.getDeclaredMethod("outboundBuffer");
        m.setAccessible(true);
        return (ChannelOutboundBuffer) m.invoke(channel);
    }

    /** The entries the outbound ring's arrays hold now (0: it holds none); package-private in the SPI. */
    static int ringCapacity(ChannelOutboundBuffer out) throws ReflectiveOperationException {
        Method m = ChannelOutboundBuffer.class.getDeclaredMethod("ringCapacity");
        m.setAccessible(true);
        return (int) m.invoke(out);
    }

    @ChannelHandler.Sharable
    static final class Unnamed implements ChannelHandler {}

    @Test
    void pipelinesShareTheFirstGeneratedNameOfAHandlerClass() {
        Unnamed handler = new Unnamed();
        EmbeddedChannel one = new EmbeddedChannel(handler);
        EmbeddedChannel two = new EmbeddedChannel(handler, handler);
        String first = one.pipeline().context(handler).name();
        assertEquals("Unnamed#0", first);
        assertSame(first, two.pipeline().names().get(0), "one String, not one per channel");
        assertEquals("Unnamed#1", two.pipeline().names().get(1));
        assertFalse(one.finish());
        assertFalse(two.finish());
    }

    @Test
    void aChannelUsedOnlyOnItsLoopHoldsNoVoidPromiseOrRingArrays() throws Exception {
        TestIoEventLoop loop = new TestIoEventLoop(new TestIoHandler(), Ticker.system(), 50);
        LoopbackTestChannel channel = new LoopbackTestChannel();
        try {
            await(loop.register(channel));
            await(loop.submit(() -> {
                channel.config().autoRead(false); // state changes on the loop apply at once
                channel.config().autoRead(true);
                channel.userDefinedWritability(3, false);
                channel.userDefinedWritability(3, true);
                channel.writeAndFlush(Buffers.copyOf(new byte[] {1}));
            }));
            loop.barrier();
            channel.releaseWritten();
            assertTrue(channel.isWritable());
            assertNull(field(channel, "voidPromise"), "nobody asked for the void promise");
            assertEquals(0, ringCapacity(outboundBuffer(channel)), "a drained ring holds no arrays");

            channel.userDefinedWritability(3, false); // from the test thread: applied on the loop
            loop.barrier();
            assertFalse(channel.isWritable());
            channel.userDefinedWritability(3, true);
            loop.barrier();
            assertTrue(channel.isWritable());

            ChannelPromise promise = channel.voidPromise();
            assertTrue(promise.isVoid());
            assertSame(promise, channel.voidPromise());
        } finally {
            await(channel.close());
            loop.barrier();
            loop.shutdownAndAwait();
        }
    }
}
