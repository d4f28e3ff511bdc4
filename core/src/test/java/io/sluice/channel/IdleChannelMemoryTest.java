package io.sluice.channel;

import static io.sluice.channel.LoopbackTestChannel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Ticker;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an idle connection does not hold (issue 18, memory per connection): a channel that never
 * asked for its void promise has none; the outbound ring has no arrays once drained; a generated
 * handler name is one String for all pipelines; the head and tail handlers are one instance each for
 * all pipelines; a channel that never asked for an attribute has no attribute map. State changes
 * from another thread still apply.
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

    @Test
    void pipelinesShareTheirHeadAndTailHandlersAndStillReachTheirOwnChannel() {
        EmbeddedChannel one = new EmbeddedChannel();
        EmbeddedChannel two = new EmbeddedChannel();
        DefaultChannelPipeline p1 = (DefaultChannelPipeline) one.pipeline();
        DefaultChannelPipeline p2 = (DefaultChannelPipeline) two.pipeline();
        assertSame(p1.head.handler(), p2.head.handler(), "one head handler for all pipelines");
        assertSame(p1.tail.handler(), p2.tail.handler(), "one tail handler for all pipelines");
        // the shared head still writes to its own channel, and the shared tail releases what reaches it there
        one.writeOutbound(Buffers.copyOf(new byte[] {1}));
        two.writeOutbound(Buffers.copyOf(new byte[] {2, 2}));
        Buffer fromOne = one.readOutbound();
        Buffer fromTwo = two.readOutbound();
        assertEquals(1, fromOne.readableBytes());
        assertEquals(2, fromTwo.readableBytes());
        fromOne.release();
        fromTwo.release();
        // the shared tail hands what reaches it to its own channel (EmbeddedChannel keeps it for readInbound)
        Buffer toOne = Buffers.copyOf(new byte[] {3});
        Buffer toTwo = Buffers.copyOf(new byte[] {4});
        assertTrue(two.writeInbound(toTwo));
        assertTrue(one.writeInbound(toOne));
        assertSame(toOne, one.readInbound());
        assertSame(toTwo, two.readInbound());
        toOne.release();
        toTwo.release();
        assertFalse(one.finish());
        assertFalse(two.finish());
    }

    @Test
    void anAttributeMapIsMadeOnlyWhenAnAttributeIsAskedFor() throws Exception {
        AttributeKey<String> key = AttributeKey.valueOf("IdleChannelMemoryTest.lazy");
        EmbeddedChannel channel = new EmbeddedChannel();
        assertFalse(channel.hasAttr(key));
        assertNull(field(channel, "attributes"), "no map before the first attr()");
        channel.attr(key).set("v");
        assertTrue(channel.hasAttr(key));
        assertEquals("v", channel.attr(key).get());
        assertFalse(channel.finish());
    }

    @Test
    void aCloseFutureIsMadeOnlyWhenAskedForAndIsCompleteWhenAskedForAfterTheClose() throws Exception {
        EmbeddedChannel early = new EmbeddedChannel();
        EmbeddedChannel late = new EmbeddedChannel();
        assertNull(field(late, "closeFuture"), "no close future before anyone asks");
        Future<Void> asked = early.closeFuture();
        assertSame(asked, early.closeFuture());
        assertFalse(asked.isDone());
        early.close();
        late.close();
        assertTrue(asked.isDone(), "completed by the close");
        assertNull(field(late, "closeFuture"), "closing makes none either");
        assertTrue(late.closeFuture().isSuccess(), "made after the close: complete at once");
        assertTrue(late.close().isSuccess(), "closing again completes at once");
    }

    @Test
    void threadsRacingForTheCloseFutureWhileTheChannelClosesAllGetOneThatCompletes() throws Exception {
        for (int round = 0; round < 50; round++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            int threads = 3;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Future<Void>>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                CompletableFuture<Future<Void>> f = new CompletableFuture<>();
                seen.add(f);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        f.complete(channel.closeFuture());
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                });
                thread.start();
            }
            start.countDown();
            channel.close(); // EmbeddedChannel runs its loop on this thread
            Future<Void> first = seen.get(0).get(5, TimeUnit.SECONDS);
            for (CompletableFuture<Future<Void>> f : seen) {
                Future<Void> future = f.get(5, TimeUnit.SECONDS);
                assertSame(first, future, "one close future per channel");
                // both sides are done: whichever came second saw the other and completed it
                assertTrue(future.isDone(), "completed: the close and the making raced");
            }
        }
    }
}
