package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections that end abruptly: a peer's reset, and a close while a large write is pending. */
@Timeout(60)
class ResetAndCloseTest extends NioSocketTestSupport {
    private static final int CHUNK = 64 << 10;
    private static final int CHUNKS = 128; // 8 MiB
    private static final int SOCKET_BUFFER = 64 << 10;

    /** On activation writes 8 MiB in 64 KiB chunks and flushes once; hands the test the write futures. */
    static final class BigWriter extends Recorder {
        final byte[] payload;
        final CompletableFuture<List<ChannelFuture>> writes = new CompletableFuture<>();
        /** Indexes of the writes in the order their futures completed. */
        final List<Integer> completionOrder = new CopyOnWriteArrayList<>();

        BigWriter(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            super.channelActive(ctx);
            List<ChannelFuture> futures = new ArrayList<>();
            for (int i = 0; i < CHUNKS; i++) {
                int index = i;
                ChannelFuture f = ctx.write(direct(Arrays.copyOfRange(payload, i * CHUNK, (i + 1) * CHUNK)));
                futures.add(f.addListener(done -> completionOrder.add(index)));
            }
            ctx.flush();
            writes.complete(futures);
        }
    }

    private Channel startBigWriterServer(IoEventLoopGroup group, byte[] payload, BlockingQueue<BigWriter> writers,
            BlockingQueue<Channel> children) throws InterruptedException {
        return startServer(group, b -> b.childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER), ch -> {
            BigWriter writer = new BigWriter(payload);
            ch.pipeline().addLast(writer);
            writers.add(writer);
            children.add(ch);
        });
    }

    private static byte[] payload() {
        byte[] payload = new byte[CHUNK * CHUNKS];
        new Random(8).nextBytes(payload);
        return payload;
    }

    @Test
    void peerResetClosesTheServerChannelOnce() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<Recorder> recorders = new LinkedBlockingQueue<>();
        BlockingQueue<Channel> children = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> { }, ch -> {
            Recorder recorder = new Recorder();
            ch.pipeline().addLast(recorder);
            recorders.add(recorder);
            children.add(ch);
        });
        Channel client = connect(group, server.localAddress(), b -> b.option(ChannelOption.SO_LINGER, 0), null);
        assertEquals(0, client.config().option(ChannelOption.SO_LINGER), "test set-up: SO_LINGER");
        awaitSuccess(client.writeAndFlush(ascii("about to reset")), "write");
        Recorder serverSide = poll(recorders, "the accepted channel");
        Channel child = poll(children, "the accepted channel");
        assertEquals("about to reset", ascii(serverSide.awaitBytes(14)));

        awaitSuccess(client.close(), "the client's close (a reset, with SO_LINGER 0)");
        await(serverSide.inactive, "server channelInactive after the reset");
        await(child.closeFuture(), "the server's channel closing");
        assertFalse(child.isOpen());
        quiesce(child);
        assertEquals(1, serverSide.inactiveCount.get(), "channelInactive calls");
        for (Throwable t : serverSide.exceptions) {
            assertInstanceOf(IOException.class, t, "exception after a reset");
        }
    }

    @Test
    void closeDuringLargeWriteFailsTheUnsentWritesAndFiresInactiveOnce() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        byte[] payload = payload();
        BlockingQueue<BigWriter> writers = new LinkedBlockingQueue<>();
        BlockingQueue<Channel> children = new LinkedBlockingQueue<>();
        Channel server = startBigWriterServer(group, payload, writers, children);
        Recorder client = new Recorder();
        Channel ch = connect(group, server.localAddress(), b -> b
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER), client);
        BigWriter writer = poll(writers, "the accepted channel");
        Channel child = poll(children, "the accepted channel");
        List<ChannelFuture> writes = await(writer.writes, "the server's writes");
        assertFalse(child.isWritable(), "8 MiB pending to a client that does not read");

        awaitSuccess(child.close(), "the server's close");
        int succeeded = 0;
        boolean failedBefore = false;
        for (int i = 0; i < writes.size(); i++) {
            ChannelFuture w = await(writes.get(i), "write " + i);
            if (w.isSuccess()) {
                assertFalse(failedBefore, "write " + i + " succeeded after an earlier write failed");
                succeeded++;
            } else {
                failedBefore = true;
                assertInstanceOf(ClosedChannelException.class, w.cause(), "cause of write " + i);
            }
        }
        assertTrue(succeeded < CHUNKS, "every write completed although the client never read");
        assertCompletedInOrder(writer);
        await(writer.inactive, "server channelInactive");
        quiesce(child);
        assertEquals(1, writer.inactiveCount.get(), "channelInactive calls");
        assertTrue(writer.exceptions.isEmpty(), () -> "server exceptions: " + writer.exceptions);

        // what reached the kernel before the close still arrives, in order, then end of stream
        ch.config().autoRead(true);
        await(client.inactive, "the client reading end of stream");
        byte[] received = client.bytes();
        long min = (long) succeeded * CHUNK;
        assertTrue(received.length >= min && received.length <= min + CHUNK, "received " + received.length
                + " bytes; " + succeeded + " writes of " + CHUNK + " completed (one more may be partly sent)");
        assertSameBytes(Arrays.copyOf(payload, received.length), received, "bytes sent before the close");
    }

    @Test
    void peerResetDuringLargeWriteFailsThePendingWritesAndFiresInactiveOnce() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<BigWriter> writers = new LinkedBlockingQueue<>();
        BlockingQueue<Channel> children = new LinkedBlockingQueue<>();
        Channel server = startBigWriterServer(group, payload(), writers, children);
        Channel ch = connect(group, server.localAddress(), b -> b
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_LINGER, 0), null);
        BigWriter writer = poll(writers, "the accepted channel");
        Channel child = poll(children, "the accepted channel");
        List<ChannelFuture> writes = await(writer.writes, "the server's writes");
        assertFalse(child.isWritable(), "8 MiB pending to a client that does not read");

        awaitSuccess(ch.close(), "the client's close (a reset, with SO_LINGER 0)");
        await(writer.inactive, "server channelInactive after the reset");
        int failed = 0;
        for (int i = 0; i < writes.size(); i++) {
            ChannelFuture w = await(writes.get(i), "write " + i);
            if (!w.isSuccess()) {
                failed++;
                assertInstanceOf(IOException.class, w.cause(), "cause of write " + i);
            }
        }
        assertTrue(failed > 0, "no write failed although the peer reset with most of 8 MiB unsent");
        assertCompletedInOrder(writer);
        quiesce(child);
        assertFalse(child.isOpen());
        assertEquals(1, writer.inactiveCount.get(), "channelInactive calls");
        for (Throwable t : writer.exceptions) {
            assertInstanceOf(IOException.class, t, "exception after a reset");
        }
    }

    private static void assertCompletedInOrder(BigWriter writer) throws InterruptedException {
        quiesce(await(writer.active, "activation"));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            expected.add(i);
        }
        assertEquals(expected, writer.completionOrder, "order in which the write futures completed");
    }
}
