package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what happens to one channel: the bytes read (each buffer copied and released), reads,
 * read batches, user events, exceptions and channelInactive calls.
 */
class Recorder implements ChannelHandler {
    final CompletableFuture<Channel> active = new CompletableFuture<>();
    final BlockingQueue<Object> userEvents = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> reads = new LinkedBlockingQueue<>();
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    final AtomicInteger readCount = new AtomicInteger();
    final AtomicInteger readCompleteCount = new AtomicInteger();
    final AtomicInteger inactiveCount = new AtomicInteger();
    final CountDownLatch inactive = new CountDownLatch(1);
    private byte[] received = new byte[256];
    private int size;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active.complete(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Buffer buf = (Buffer) msg;
        try {
            byte[] chunk = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), chunk, 0, chunk.length);
            append(chunk);
            readCount.incrementAndGet();
            reads.add(chunk);
        } finally {
            buf.release();
        }
    }

    private synchronized void append(byte[] chunk) {
        if (size + chunk.length > received.length) {
            received = Arrays.copyOf(received, Math.max(received.length * 2, size + chunk.length));
        }
        System.arraycopy(chunk, 0, received, size, chunk.length);
        size += chunk.length;
        notifyAll();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readCompleteCount.incrementAndGet();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        userEvents.add(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exceptions.add(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactiveCount.incrementAndGet();
        inactive.countDown();
        ctx.fireChannelInactive();
    }

    /** Returns a copy of everything read so far. */
    synchronized byte[] bytes() {
        return Arrays.copyOf(received, size);
    }

    /** Waits until at least {@code n} bytes were read in total; returns them all. */
    byte[] awaitBytes(int n) throws InterruptedException {
        return awaitBytes(n, NioSocketTestSupport.AWAIT_SECONDS);
    }

    /** Like {@link #awaitBytes(int)}, waiting at most {@code seconds}. */
    synchronized byte[] awaitBytes(int n, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (size < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for " + n + " bytes; got " + size);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Arrays.copyOf(received, size);
    }

    /** Forgets the bytes read so far. */
    synchronized void clearBytes() {
        size = 0;
    }
}
