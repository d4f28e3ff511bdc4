package io.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.TestTransport.TestClientChannel;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelGroup;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ChannelGroupTest {

    @Test
    void broadcastsSharedBuffersAndClosesAll() throws Exception {
        IoEventLoopGroup loops = TestTransport.group(2, "group-test");
        try {
            ChannelGroup group = ChannelGroup.create("room");
            List<TestClientChannel> channels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClientChannel ch = new TestClientChannel();
                assertTrue(Bootstrap.create().group(loops).channel(() -> ch).connect("127.0.0.1", 9)
                        .await(10, TimeUnit.SECONDS));
                assertTrue(group.add(ch));
                assertFalse(group.add(ch), "added once");
                channels.add(ch);
            }
            assertEquals(3, group.size());
            assertSame(channels.get(1), group.find(channels.get(1).id()));

            Buffer msg = Buffers.copyOf("hello all", StandardCharsets.UTF_8);
            Future<Void> written = group.writeAndFlush(msg);
            assertTrue(written.await(10, TimeUnit.SECONDS));
            assertTrue(written.isSuccess(), () -> String.valueOf(written.cause()));
            assertEquals(3, msg.refCnt(), "only the three received duplicates hold the shared memory");
            for (TestClientChannel ch : channels) {
                Buffer got = (Buffer) ch.written.poll();
                assertEquals("hello all", got.toString(StandardCharsets.UTF_8));
                got.release();
            }
            assertEquals(0, msg.refCnt(), "the group released the original; the receivers their duplicates");

            channels.get(0).close().sync();
            assertTrue(waitForSize(group, 2), "a closed channel leaves the group");
            Future<Void> closed = group.close();
            assertTrue(closed.await(10, TimeUnit.SECONDS) && closed.isSuccess());
            assertTrue(waitForSize(group, 0));
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(loops.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }

    /** The group removes a channel from its close future's listener, on the channel's loop. */
    private static boolean waitForSize(ChannelGroup group, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.size() != size && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return group.size() == size;
    }
}
