package io.sluice.transport.nio;

import static io.sluice.testing.LogCapture.captureStdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Logs under faults, captured: a peer that resets its connection while the server has writes
 * pending (futures nobody looks at) and unread input is one DEBUG line without a stack trace for
 * that channel; a failure that points at a bug is still a WARN with its stack.
 */
class ConnectionErrorLogTest extends NioSocketTestSupport {

    /** Writes 4 x 256 KiB on each read, ignoring the futures (the peer never reads them); then counts down. */
    private static final class FloodOnRead implements ChannelHandler {
        private final CountDownLatch wrote;

        FloodOnRead(CountDownLatch wrote) {
            this.wrote = wrote;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((Buffer) msg).release();
            for (int i = 0; i < 4; i++) {
                Buffer big = ctx.alloc().directBuffer(256 * 1024);
                big.writeZero(256 * 1024);
                ctx.writeAndFlush(big);
            }
            wrote.countDown();
        }
    }

    @Test
    void aPeerResetIsOneDebugLinePerChannelWithoutAStackTrace() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<Channel> accepted = new ArrayBlockingQueue<>(1);
        // small socket buffers on both sides, so that most of what the server writes stays pending
        Channel server = startServer(group, b -> b.childOption(ChannelOption.SO_SNDBUF, 8192), ch -> {
            accepted.add(ch);
            ch.pipeline().addLast("flood", new FloodOnRead(new CountDownLatch(1))); // no exceptionCaught handler
        });
        String log = captureStdout(() -> {
            Channel child;
            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(8192);
                client.connect(server.localAddress());
                child = poll(accepted, "the accepted channel");
                client.getOutputStream().write(new byte[] {1, 2, 3});
                client.getOutputStream().write(new byte[] {4}); // unread input at the server too
                pollUntil(() -> !child.isWritable(), "the server's writes to queue up");
                client.setSoLinger(true, 0); // close() now resets the connection
            }
            await(child.closeFuture(), "the server side to close");
            quiesce(child); // the reports of unobserved futures run after the loop's current task
            return null;
        });
        List<String> lines = log.lines().toList();
        long connectionLines = lines.stream().filter(l -> l.contains("connection error")).count();
        assertEquals(1, connectionLines, log);
        String line = lines.stream().filter(l -> l.contains("connection error")).findFirst().orElseThrow();
        assertTrue(line.contains("DEBUG"), line);
        assertTrue(line.contains("Connection reset") || line.contains("Broken pipe") || line.contains("Closed"), line);
        assertFalse(log.contains("WARN"), log);
        assertFalse(log.contains("\tat "), "a stack trace was logged:\n" + log);
    }

    @Test
    void aFailureThatPointsAtABugIsStillAWarningWithItsStack() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<Channel> accepted = new ArrayBlockingQueue<>(1);
        CountDownLatch wrote = new CountDownLatch(1);
        Channel server = startServer(group, b -> { }, ch -> {
            accepted.add(ch);
            ch.pipeline().addLast("broken-encoder", new ChannelHandler() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    ((Buffer) msg).release();
                    throw new IllegalStateException("a bug in an encoder (expected in this test)");
                }
            }).addLast("flood", new FloodOnRead(wrote));
        });
        String log = captureStdout(() -> {
            try (Socket client = new Socket()) {
                client.connect(server.localAddress());
                Channel child = poll(accepted, "the accepted channel");
                client.getOutputStream().write(1);
                await(wrote, "the writes");
                quiesce(child); // the reports of unobserved futures run after the loop's current task
            }
            return null;
        });
        assertTrue(log.contains("WARN") && log.contains("nobody looked at its future"), log);
        assertTrue(log.contains("IllegalStateException: a bug in an encoder"), log);
        assertTrue(log.contains("\tat "), "no stack trace:\n" + log);
    }
}
