package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.DefaultFileRegion;
import io.sluice.channel.WriteBufferWaterMark;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Future;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writability always ends where the pending bytes say: after failed flushes, after changes from two
 * threads racing the loop, and with writes from other threads still queued for the loop.
 */
class WritabilityRecoveryTest extends NioSocketTestSupport {
    private static final WriteBufferWaterMark TINY = WriteBufferWaterMark.of(8, 16);

    /** Starts an echo server whose accepted channels are handed to {@code accepted} (after {@code setUp}). */
    private Channel startEchoServer(IoEventLoopGroup group, BlockingQueue<Channel> accepted, Consumer<Channel> setUp)
            throws InterruptedException {
        return startServer(group, b -> { }, ch -> {
            setUp.accept(ch);
            ch.pipeline().addLast("echo", new EchoHandler());
            accepted.add(ch);
        });
    }

    /** Sends a few bytes and expects them back within the test's bound: the channel reads and writes. */
    private static void assertEchoes(Socket client) throws Exception {
        client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));
        byte[] ping = {'p', 'i', 'n', 'g'};
        client.getOutputStream().write(ping);
        byte[] back = new byte[ping.length];
        new DataInputStream(client.getInputStream()).readFully(back);
        assertArrayEquals(ping, back);
    }

    @Test
    void aFlushThatFailsBeforeConnectLeavesTheChannelWritable() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        NioSocketChannel ch = closeAfterTest(new NioSocketChannel());
        ch.config().option(ChannelOption.WRITE_BUFFER_WATER_MARK, TINY);
        awaitSuccess(group.register(ch), "register");
        Buffer msg = ch.alloc().directBuffer(64).writeZero(64);
        ChannelFuture write = ch.writeAndFlush(msg); // over the high watermark, and not connected
        await(write, "the write");
        assertInstanceOf(NotYetConnectedException.class, write.cause());
        quiesce(ch);
        assertTrue(ch.isWritable(), "nothing is pending, yet the channel stays unwritable");
        assertTrue(ch.bytesBeforeUnwritable() > 0);
    }

    @Test
    void aFailedWriteWithAutoCloseOffLetsAnAcceptedChannelReadAgain(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("region"), new byte[1024]);
        FileChannel closedFile = FileChannel.open(file, StandardOpenOption.READ);
        closedFile.close(); // sending the region fails
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<Channel> accepted = new ArrayBlockingQueue<>(1);
        CountDownLatch failed = new CountDownLatch(1);
        Channel server = startEchoServer(group, accepted, ch -> {
            ch.config().option(ChannelOption.AUTO_CLOSE, false);
            ch.config().option(ChannelOption.WRITE_BUFFER_WATER_MARK, TINY);
            ch.pipeline().addLast("region", new ChannelHandler() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    // 1 KiB over a 16-byte high watermark: unwritable, so reading is suspended
                    ctx.writeAndFlush(new DefaultFileRegion(closedFile, 0, 1024)).addListener(f -> failed.countDown());
                    ctx.fireChannelActive();
                }
            });
        });
        try (Socket client = new Socket()) {
            client.connect(server.localAddress());
            Channel child = poll(accepted, "the accepted channel");
            await(failed, "the region's write to fail");
            quiesce(child);
            assertTrue(child.isOpen());
            assertTrue(child.isWritable(), "the failed write left the channel unwritable");
            assertEchoes(client);
        }
    }

    /**
     * Makes {@code fromHere} from this thread while the loop is busy, so that what it queues for the
     * loop runs after {@code onLoop}, which the loop makes inline: the later change, which must win.
     * Then the channel must still echo.
     */
    private void raceTheLoop(Consumer<AbstractChannel> fromHere, Consumer<AbstractChannel> onLoop) throws Exception {
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<Channel> accepted = new ArrayBlockingQueue<>(1);
        Channel server = startEchoServer(group, accepted, ch -> { });
        try (Socket client = new Socket()) {
            client.connect(server.localAddress());
            AbstractChannel child = (AbstractChannel) poll(accepted, "the accepted channel");
            CountDownLatch queued = new CountDownLatch(1);
            Future<?> loopChange = child.eventLoop().submit(() -> {
                queued.await();
                onLoop.accept(child);
                return null;
            });
            fromHere.accept(child);
            queued.countDown();
            awaitSuccess(loopChange, "the loop's change");
            quiesce(child);
            assertEchoes(client);
            assertTrue(child.isWritable());
            assertTrue(child.config().isAutoRead());
        }
    }

    @Test
    void aStaleWritabilityTaskCannotSuspendReadsOfAWritableChannel() throws Exception {
        raceTheLoop(ch -> ch.userDefinedWritability(1, false), ch -> ch.userDefinedWritability(1, true));
    }

    @Test
    void autoReadSwitchedFromTwoThreadsEndsAsTheLastSwitchSays() throws Exception {
        raceTheLoop(ch -> ch.config().autoRead(false), ch -> ch.config().autoRead(true));
    }

    @Test
    void writesQueuedFromAnotherThreadCountAgainstTheWatermarks() throws Exception {
        IoEventLoopGroup serverGroup = newGroup(1);
        Channel server = startServer(serverGroup, b -> { }, ch -> ch.pipeline().addLast("discard", new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((Buffer) msg).release();
            }
        }));
        IoEventLoopGroup clientGroup = newGroup(1);
        int highBytes = 16 * 1024;
        NioSocketChannel client = connect(clientGroup, server.localAddress(),
                b -> b.option(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.of(8 * 1024, highBytes)), null);
        CountDownLatch release = blockLoop(client.eventLoop()); // every write below waits in its queue
        long queuedBytes = 0;
        try {
            while (client.isWritable() && queuedBytes < 4L << 20) {
                client.write(client.alloc().directBuffer(1024).writeZero(1024));
                queuedBytes += 1024;
            }
        } finally {
            release.countDown();
        }
        client.flush();
        assertTrue(queuedBytes <= highBytes + 1024, "a producer on another thread queued " + queuedBytes
                + " bytes with a high watermark of " + highBytes);
        ChannelFuture last = client.writeAndFlush(client.alloc().directBuffer(1).writeZero(1));
        awaitSuccess(last, "the writes to go out");
        quiesce(client);
        assertTrue(client.isWritable());
    }
}
