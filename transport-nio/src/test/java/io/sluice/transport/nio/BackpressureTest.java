package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.WriteBufferWaterMark;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client sends 32 MiB to an echo server without reading the echo. The accepted channel turns
 * unwritable and, by default, stops reading while it is; so what the server holds stays near its
 * high watermark instead of growing towards 32 MiB. Once the client reads, everything comes back
 * in order.
 */
@Timeout(60)
class BackpressureTest extends NioSocketTestSupport {
    private static final int TOTAL = 32 << 20;
    private static final int WRITE_SIZE = 64 << 10;
    private static final int SOCKET_BUFFER = 64 << 10;
    /** The largest buffer one socket read fills (the default read-size predictor's maximum). */
    private static final int MAX_READ = 64 << 10;

    /** Echoes, counting the bytes it has written and not yet seen completed: the pending outbound bytes. */
    static final class TrackingEcho implements ChannelHandler {
        final CountDownLatch unwritable = new CountDownLatch(1);
        volatile long bytesRead;
        volatile long pending;
        volatile long maxPending;
        /** The most pending bytes seen through {@code bytesBeforeUnwritable()} while writable. */
        volatile long maxPendingSeenByChannel;
        volatile int turnedUnwritable;
        volatile int turnedWritable;
        volatile Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int n = ((Buffer) msg).readableBytes();
            bytesRead += n;
            pending += n;
            maxPending = Math.max(maxPending, pending);
            ChannelPromise promise = ctx.newPromise();
            promise.addListener(f -> pending -= n);
            ctx.write(msg, promise);
            Channel ch = ctx.channel();
            if (ch.isWritable()) {
                long high = ch.config().writeBufferWaterMark().highBytes();
                maxPendingSeenByChannel = Math.max(maxPendingSeenByChannel, high + 1 - ch.bytesBeforeUnwritable());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                turnedWritable++;
            } else {
                turnedUnwritable++;
                unwritable.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }
    }

    /** Checks each received byte against the expected stream as it arrives. */
    static final class Verifier implements ChannelHandler {
        private final byte[] expected;
        final CountDownLatch complete = new CountDownLatch(1);
        volatile long received;
        volatile String mismatch;

        Verifier(byte[] expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer buf = (Buffer) msg;
            try {
                int n = buf.readableBytes();
                long at = received;
                if (mismatch == null) {
                    if (at + n > expected.length) {
                        mismatch = "received " + (at + n) + " bytes, more than the " + expected.length + " sent";
                    } else {
                        byte[] chunk = new byte[n];
                        buf.getBytes(buf.readerIndex(), chunk, 0, n);
                        int diff = Arrays.mismatch(chunk, 0, n, expected, (int) at, (int) at + n);
                        if (diff >= 0) {
                            mismatch = "first difference at byte " + (at + diff);
                        }
                    }
                }
                received = at + n;
                if (received >= expected.length) {
                    complete.countDown();
                }
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void serverStopsReadingWhileUnwritableAndEverythingArrivesOnceTheClientReads() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<TrackingEcho> echoes = new LinkedBlockingQueue<>();
        BlockingQueue<Channel> children = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> b
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER) // inherited by accepted sockets
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER), ch -> {
                    TrackingEcho echo = new TrackingEcho();
                    ch.pipeline().addLast(echo);
                    echoes.add(echo);
                    children.add(ch);
                });
        byte[] payload = new byte[TOTAL];
        new Random(0xBAC4L).nextBytes(payload);
        Verifier verifier = new Verifier(payload);
        Channel client = connect(group, server.localAddress(), b -> b
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER), verifier);
        TrackingEcho echo = poll(echoes, "the accepted channel");
        Channel child = poll(children, "the accepted channel");
        assertTrue(child.config().isSuspendReadWhenUnwritable(), "default for accepted channels");
        WriteBufferWaterMark marks = child.config().writeBufferWaterMark();

        // the client writes everything at once (its own channel buffers what the kernel does not take)
        AtomicLong sent = new AtomicLong();
        BlockingQueue<Throwable> writeFailures = new LinkedBlockingQueue<>();
        CountDownLatch allSent = new CountDownLatch(TOTAL / WRITE_SIZE);
        client.eventLoop().execute(() -> {
            for (int off = 0; off < TOTAL; off += WRITE_SIZE) {
                Buffer buf = client.alloc().directBuffer(WRITE_SIZE).writeBytes(payload, off, WRITE_SIZE);
                client.write(buf).addListener(f -> {
                    if (f.isSuccess()) {
                        sent.addAndGet(WRITE_SIZE);
                        allSent.countDown();
                    } else {
                        writeFailures.add(f.cause());
                    }
                });
            }
            client.flush();
        });

        await(echo.unwritable, "the server's channel turning unwritable");
        awaitNoProgress(echo, sent);
        long readWhileStalled = echo.bytesRead;
        assertFalse(child.isWritable(), "the server's channel stays unwritable while the client does not read");
        assertTrue(readWhileStalled < 8 << 20,
                "the server kept reading while unwritable: " + readWhileStalled + " of " + TOTAL + " bytes read");
        assertTrue(sent.get() < TOTAL, "the client could not have sent everything yet: " + sent.get());
        assertBounded(echo, marks);

        client.config().autoRead(true);
        assertTrue(verifier.complete.await(AWAIT_SECONDS * 2, TimeUnit.SECONDS),
                () -> "timed out: the client received " + verifier.received + " of " + TOTAL + " bytes");
        assertNull(verifier.mismatch, "echoed stream");
        assertEquals(TOTAL, verifier.received, "bytes echoed");
        await(allSent, "every client write completing");
        assertTrue(writeFailures.isEmpty(), () -> "client write failures: " + writeFailures);
        assertNull(echo.failure, "server exception");
        assertEquals(TOTAL, echo.bytesRead, "bytes the server read");

        assertBounded(echo, marks);
        assertTrue(echo.turnedUnwritable >= 1 && echo.turnedWritable >= 1,
                "writability changes: " + echo.turnedUnwritable + " unwritable, " + echo.turnedWritable + " writable");
        quiesce(child);
        assertEquals(0, (long) callOnLoop(child, () -> echo.pending), "pending bytes after the last echo");
        assertTrue(child.isWritable(), "writable again once drained");
    }

    /** Waits (bounded) until neither the server reads nor the client's writes complete for 300 ms. */
    private static void awaitNoProgress(TrackingEcho echo, AtomicLong sent) {
        long[] last = {-1, -1, System.nanoTime()};
        pollUntil(() -> {
            long read = echo.bytesRead;
            long written = sent.get();
            long now = System.nanoTime();
            if (read != last[0] || written != last[1]) {
                last[0] = read;
                last[1] = written;
                last[2] = now;
                return false;
            }
            return now - last[2] > TimeUnit.MILLISECONDS.toNanos(300);
        }, "the transfer to stall while the client does not read (server read " + echo.bytesRead + ")");
    }

    private static void assertBounded(TrackingEcho echo, WriteBufferWaterMark marks) {
        long bound = marks.highBytes() + 4L * MAX_READ;
        assertTrue(echo.maxPending <= bound, "server's pending outbound bytes reached " + echo.maxPending
                + ", above the high watermark " + marks.highBytes() + " plus a few reads (" + bound + ")");
        assertTrue(echo.maxPendingSeenByChannel <= bound,
                "the channel reported " + echo.maxPendingSeenByChannel + " pending bytes");
        assertTrue(echo.maxPending > marks.highBytes(), "the server never crossed its high watermark");
    }
}
