package io.sluice.channel;

import static io.sluice.channel.LoopbackTestChannel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.Ticker;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an idle connection does not hold (issue 18, memory per connection): a channel that only
 * ever changed state on its own loop has no {@link LoopStateSync}; one that never asked for its
 * void promise has none; the outbound ring has no arrays once drained; a generated handler name
 * is one String for all pipelines. The first change from
 * another thread makes the one state task, and it still applies the change.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdleChannelMemoryTest {

    private static Object field(AbstractChannel channel, String name) throws ReflectiveOperationException {
        Field f = AbstractChannel.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(channel);
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
    void aChannelUsedOnlyOnItsLoopHoldsNoStateTaskVoidPromiseOrRingArrays() throws Exception {
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
            assertNull(field(channel, "stateSync"), "no state task for changes made on the loop");
            assertNull(field(channel, "voidPromise"), "nobody asked for the void promise");
            assertEquals(0, channel.outboundBuffer().ringCapacity(), "a drained ring holds no arrays");

            channel.userDefinedWritability(3, false); // from the test thread: through the state task
            loop.barrier();
            assertFalse(channel.isWritable());
            Object sync = field(channel, "stateSync");
            assertNotNull(sync);
            channel.userDefinedWritability(3, true);
            loop.barrier();
            assertTrue(channel.isWritable());
            assertSame(sync, field(channel, "stateSync"), "one state task per channel");

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
