package io.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.TestTransport.TestClientChannel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handler bound to a worker group: ordered per channel on one worker, writes back through the loop. */
@Timeout(30)
class OffloadedHandlerTest {
    private static final int MESSAGES = 2_000;

    @Test
    void eventsStayInOrderOnOneWorkerAndWritesGoBackThroughTheLoop() throws Exception {
        IoEventLoopGroup loops = TestTransport.group(1, "io");
        DefaultEventExecutorGroup workers = DefaultEventExecutorGroup.create(4);
        try {
            List<Probe> probes = new ArrayList<>();
            List<TestClientChannel> channels = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                Probe probe = new Probe();
                TestClientChannel ch = new TestClientChannel();
                ch.pipeline().addLast("outbound-thread", probe.outboundRecorder());
                ch.pipeline().addLast(workers, "business", probe);
                assertTrue(loops.register(ch).await(10, TimeUnit.SECONDS));
                assertTrue(ch.connect(new java.net.InetSocketAddress("127.0.0.1", 9)).await(10, TimeUnit.SECONDS));
                probes.add(probe);
                channels.add(ch);
            }
            for (TestClientChannel ch : channels) {
                ch.eventLoop().execute(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        ch.pipeline().fireChannelRead(i);
                    }
                    ch.pipeline().fireChannelReadComplete();
                });
            }
            for (int c = 0; c < 2; c++) {
                Probe probe = probes.get(c);
                assertTrue(probe.done.await(20, TimeUnit.SECONDS), "all messages handled");
                assertEquals(1, probe.workerThreads.size(), "one worker thread per channel: " + probe.workerThreads);
                assertTrue(probe.workerThreads.iterator().next().startsWith("sluice-worker"));
                assertTrue(probe.inOrder, "channelRead in the order fired");
                assertTrue(probe.flushed.await(20, TimeUnit.SECONDS), "writes reached the transport");
                List<Object> written = new ArrayList<>(channels.get(c).written);
                assertEquals(MESSAGES, written.size());
                for (int i = 0; i < MESSAGES; i++) {
                    assertEquals(i, written.get(i), "written in order");
                }
                assertEquals(Set.of("io-1"), probe.outboundThreads, "outbound handlers ran on the channel's loop");
            }
            assertNotEquals(probes.get(0).workerThreads, probes.get(1).workerThreads,
                    "two channels get different workers of the group");
            for (TestClientChannel ch : channels) {
                ch.close().sync();
            }
        } finally {
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(workers.terminationFuture().await(10, TimeUnit.SECONDS));
            assertTrue(loops.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }

    /** The offloaded handler: echoes each number, records its thread and the order. */
    private static final class Probe implements ChannelHandler {
        final Set<String> workerThreads = ConcurrentHashMap.newKeySet();
        final Set<String> outboundThreads = ConcurrentHashMap.newKeySet();
        final CountDownLatch done = new CountDownLatch(1);
        final CountDownLatch flushed = new CountDownLatch(1);
        volatile boolean inOrder = true;
        private int expected;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            workerThreads.add(Thread.currentThread().getName());
            if ((Integer) msg != expected++) {
                inOrder = false;
            }
            ctx.write(msg);
            if (expected == MESSAGES) {
                ctx.flush();
                done.countDown();
            }
        }

        ChannelHandler outboundRecorder() {
            return new ChannelHandler() {
                private int count;

                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    outboundThreads.add(Thread.currentThread().getName());
                    ctx.write(msg, promise);
                }

                @Override
                public void flush(ChannelHandlerContext ctx) {
                    ctx.flush();
                    if (++count == 1) {
                        flushed.countDown();
                    }
                }
            };
        }
    }
}
