package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 short connections, four at a time, against one server: every one is accepted and closed on
 * both sides, and the process holds no more file descriptors afterwards than before.
 */
@Timeout(60)
class ConnectCloseCyclesTest extends NioSocketTestSupport {
    private static final int CYCLES = 2000;
    private static final int PARALLEL = 4;
    private static final int FD_MARGIN = 20;

    @Test
    void connectCloseCyclesLeakNoFileDescriptors() throws Exception {
        Assumptions.assumeTrue(openFileDescriptors() >= 0, "/proc/self/fd is not available on this system");
        IoEventLoopGroup serverGroup = newGroup(1);
        IoEventLoopGroup clientGroup = newGroup(1);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger serverInactive = new AtomicInteger();
        CountDownLatch allServerSidesClosed = new CountDownLatch(CYCLES);
        Queue<Throwable> serverErrors = new ConcurrentLinkedQueue<>();
        Channel server = startServer(serverGroup, b -> { }, ch -> {
            accepted.incrementAndGet();
            ch.pipeline().addLast(new ChannelHandler() {
                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    serverInactive.incrementAndGet();
                    allServerSidesClosed.countDown();
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    serverErrors.add(cause);
                }
            });
        });
        // warm up once so lazily opened descriptors (class loading, the loops' selectors) are counted before
        cycle(clientGroup, server, 1);
        pollUntil(() -> serverInactive.get() == 1, "the warm-up connection closing on the server");
        int before = openFileDescriptors();

        for (int done = 0; done < CYCLES - 1; ) {
            int batch = Math.min(PARALLEL, CYCLES - 1 - done);
            cycle(clientGroup, server, batch);
            done += batch;
        }
        await(allServerSidesClosed, "the server closing its side of all " + CYCLES + " connections"
                + " (closed " + serverInactive.get() + ")");
        quiesce(server);

        assertEquals(CYCLES, accepted.get(), "connections accepted");
        assertEquals(CYCLES, serverInactive.get(), "server channelInactive calls");
        assertTrue(serverErrors.isEmpty(), () -> serverErrors.size() + " server exceptions, first: " + serverErrors.peek());
        int after = openFileDescriptors();
        assertTrue(after <= before + FD_MARGIN, "open file descriptors: " + before + " before " + CYCLES
                + " connect/close cycles, " + after + " after");
    }

    /** Connects {@code n} clients at once, waits until all are connected, then closes them and waits. */
    private void cycle(IoEventLoopGroup group, Channel server, int n) throws InterruptedException {
        List<ChannelFuture> connects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            connects.add(connectAsync(group, server.localAddress(), b -> { }, null));
        }
        for (ChannelFuture f : connects) {
            awaitSuccess(f, "connect");
        }
        List<ChannelFuture> closes = new ArrayList<>(n);
        for (ChannelFuture f : connects) {
            closes.add(f.channel().close());
        }
        for (ChannelFuture f : closes) {
            awaitSuccess(f, "close");
            assertTrue(!f.channel().isOpen());
        }
    }
}
