package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.PooledBufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.VirtualThreadExecutorGroup;
import io.sluice.internal.VirtualThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handlers bound to a {@link VirtualThreadExecutorGroup} (JDK 21+; skipped with the reason before). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VirtualThreadHandlerTest {
    private VirtualThreadExecutorGroup group;

    @BeforeEach
    void setUp() {
        assumeTrue(VirtualThreadExecutorGroup.isAvailable(),
                "virtual threads need JDK 21+; this run is on JDK " + Runtime.version().feature());
        group = VirtualThreadExecutorGroup.create("handler-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
    }

    /** Allocates and releases a pooled buffer per message on its virtual thread, then releases the message. */
    private static final class Allocating implements ChannelHandler {
        private final PooledBufferAllocator allocator;
        private final CountDownLatch done;
        private final AtomicInteger offVirtual;

        Allocating(PooledBufferAllocator allocator, CountDownLatch done, AtomicInteger offVirtual) {
            this.allocator = allocator;
            this.done = done;
            this.offVirtual = offVirtual;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!VirtualThreads.isVirtual(Thread.currentThread()) || !ctx.executor().inEventLoop()) {
                offVirtual.incrementAndGet();
            }
            Buffer scratch = allocator.buffer(256);
            try {
                scratch.writeBytes((Buffer) msg);
            } finally {
                scratch.release();
                ReferenceCounting.release(msg);
            }
            done.countDown();
        }
    }

    /** Counts down {@code entered}, then blocks until {@code release} opens, then releases the message. */
    private static ChannelHandler blockingUntil(CountDownLatch entered, CountDownLatch release) {
        return new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
                ReferenceCounting.release(msg);
                entered.countDown();
                release.await();
            }
        };
    }

    @Test
    void aHandlerThatBlocksDoesNotHoldUpAnotherChannel() throws Exception {
        CountDownLatch aEntered = new CountDownLatch(1);
        CountDownLatch bEntered = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        a.pipeline().addLast(group, "blocking", blockingUntil(aEntered, releaseA));
        b.pipeline().addLast(group, "blocking", blockingUntil(bEntered, new CountDownLatch(0)));
        a.writeInbound(Buffers.copyOf(new byte[] {1}));
        assertTrue(aEntered.await(10, TimeUnit.SECONDS));
        b.writeInbound(Buffers.copyOf(new byte[] {2}));
        assertTrue(bEntered.await(10, TimeUnit.SECONDS), "channel b waited for channel a's blocked handler");
        releaseA.countDown();
        a.close();
        b.close();
    }

    @Test
    void tenThousandChannelsComeAndGoWithoutThreadCachesOrLeaks() throws Exception {
        PooledBufferAllocator allocator = PooledBufferAllocator.builder().cacheForAllThreads(true).build();
        int channels = 10_000;
        CountDownLatch done = new CountDownLatch(channels);
        AtomicInteger offVirtual = new AtomicInteger();
        for (int i = 0; i < channels; i++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.pipeline().addLast(group, "work", new Allocating(allocator, done, offVirtual));
            ch.writeInbound(Buffers.copyOf(new byte[] {1, 2, 3, 4}));
            ch.close();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals(0, offVirtual.get(), "the handler ran off its executor's virtual thread");
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertEquals(0, allocator.cachedBytes(), "a virtual thread got a buffer cache");
        assertEquals(0, allocator.usedBytes());
    }
}
