package io.sluice.channel.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.WriteBufferWaterMark;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local transport through the socket test cases that apply to it. */
@Timeout(30)
class LocalChannelTest {
    private static final long WAIT_SECONDS = 10;
    private final IoEventLoopGroup group = LocalEventLoopGroup.create(2);
    private final List<Channel> channels = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
    }

    /** Copies and releases what it reads; records events. */
    static class Recorder implements ChannelHandler {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final CountDownLatch inactive = new CountDownLatch(1);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Buffer buf) {
                byte[] copy = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), copy);
                buf.release();
                synchronized (this) {
                    bytes.writeBytes(copy);
                    notifyAll();
                }
            } else {
                messages.add(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            events.add(ctx.channel().isWritable() ? "writable" : "unwritable");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive.countDown();
            ctx.fireChannelInactive();
        }

        synchronized int size() {
            return bytes.size();
        }

        synchronized byte[] awaitBytes(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (bytes.size() < n) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "timed out waiting for " + n + " bytes, got " + bytes.size());
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return bytes.toByteArray();
        }
    }

    /** Writes back what it reads, flushing per batch. */
    @ChannelHandler.Sharable
    static final class Echo implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private <F extends Future<?>> F await(F f, String what) throws InterruptedException {
        assertTrue(f.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out: " + what);
        return f;
    }

    private <F extends Future<?>> F awaitSuccess(F f, String what) throws InterruptedException {
        await(f, what);
        if (!f.isSuccess()) {
            throw new AssertionError(what + " failed", f.cause());
        }
        return f;
    }

    private Channel server(LocalAddress address, Consumer<ServerBootstrap> options, Consumer<Channel> initChild)
            throws InterruptedException {
        ServerBootstrap b = ServerBootstrap.create().group(group).channel(LocalServerChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        initChild.accept(ch);
                    }
                });
        options.accept(b);
        Channel server = awaitSuccess(b.bind(address), "bind " + address).channel();
        channels.add(server);
        return server;
    }

    private ChannelFuture connectAsync(LocalAddress address, Consumer<Bootstrap> options, ChannelHandler handler) {
        Bootstrap b = Bootstrap.create().group(group).channel(LocalChannel::new).handler(handler);
        options.accept(b);
        ChannelFuture f = b.connect(address);
        channels.add(f.channel());
        return f;
    }

    private LocalChannel connect(LocalAddress address, Consumer<Bootstrap> options, ChannelHandler handler)
            throws InterruptedException {
        return (LocalChannel) awaitSuccess(connectAsync(address, options, handler), "connect").channel();
    }

    private static Buffer buffer(byte[] bytes) {
        return BufferAllocator.pooled().directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
    }

    @Test
    void echoesManyMessagesInOrderByteForByte() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        server(address, b -> { }, ch -> ch.pipeline().addLast(new Echo()));
        Recorder client = new Recorder();
        LocalChannel ch = connect(address, b -> { }, client);
        assertEquals(address, ch.remoteAddress());
        assertTrue(ch.isActive());

        byte[] payload = new byte[1 << 20];
        new Random(5).nextBytes(payload);
        for (int off = 0; off < payload.length; off += 1000) {
            byte[] part = java.util.Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 1000));
            ch.write(buffer(part));
        }
        awaitSuccess(ch.writeAndFlush(buffer(new byte[] {42})), "the last write");
        byte[] got = client.awaitBytes(payload.length + 1);
        assertArrayEquals(payload, java.util.Arrays.copyOf(got, payload.length));
        assertEquals(42, got[payload.length]);
    }

    @Test
    void anyMessageTypeIsHandedOverAsItIs() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        server(address, b -> { }, ch -> ch.pipeline().addLast(new Echo()));
        Recorder client = new Recorder();
        LocalChannel ch = connect(address, b -> { }, client);
        Object token = new Object();
        awaitSuccess(ch.writeAndFlush(token), "write an object");
        assertSame(token, client.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aReaderThatDoesNotReadMakesTheWriterUnwritableAndReadingDrainsIt() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        Recorder serverSide = new Recorder();
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        server(address, b -> b.childOption(ChannelOption.AUTO_READ, false), ch -> {
            accepted.add(ch);
            ch.pipeline().addLast(serverSide);
        });
        Recorder writer = new Recorder();
        LocalChannel ch = connect(address,
                b -> b.option(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.of(8 * 1024, 16 * 1024)),
                writer);
        Channel child = accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        byte[] chunk = new byte[4096];
        int written = 0;
        // the receive window (64 KiB) fills, then the outbound buffer past the high watermark
        while (ch.isWritable() && written < (1 << 20)) {
            awaitSuccess(ch.eventLoop().submit(() -> ch.writeAndFlush(buffer(chunk))), "write from the loop");
            written += chunk.length;
        }
        assertFalse(ch.isWritable(), "unwritable after " + written + " bytes");
        assertTrue(written <= LocalChannel.RECEIVE_WINDOW_BYTES + 16 * 1024 + chunk.length, "written " + written);
        assertEquals(0, serverSide.size(), "nothing delivered with auto-read off");

        child.config().autoRead(true);
        assertEquals(written, serverSide.awaitBytes(written).length);
        assertEquals("unwritable", writer.events.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("writable", writer.events.poll(WAIT_SECONDS, TimeUnit.SECONDS), "writable again once read");
    }

    @Test
    void autoReadOffDeliversOneBatchPerRead() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        server(address, b -> { }, ch -> ch.pipeline().addLast(new Echo()));
        Recorder client = new Recorder();
        LocalChannel ch = connect(address, b -> b.option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 1), client);
        ch.write(buffer(new byte[] {1}));
        awaitSuccess(ch.writeAndFlush(buffer(new byte[] {2})), "write");
        ch.read();
        assertArrayEquals(new byte[] {1}, client.awaitBytes(1));
        ch.read();
        assertArrayEquals(new byte[] {1, 2}, client.awaitBytes(2));
    }

    @Test
    void shutdownOutputArrivesAfterTheDataAsAnInputShutdownEvent() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        Recorder serverSide = new Recorder();
        server(address, b -> b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true), ch -> ch.pipeline().addLast(
                serverSide));
        LocalChannel ch = connect(address, b -> { }, new Recorder());
        ch.writeAndFlush(buffer("last".getBytes()));
        awaitSuccess(ch.shutdownOutput(), "shutdownOutput");
        assertSame(ChannelInputShutdownEvent.INSTANCE, serverSide.events.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("last", new String(serverSide.awaitBytes(4)));
        assertTrue(ch.isOutputShutdown());
        ChannelFuture late = ch.writeAndFlush(buffer(new byte[] {1}));
        assertInstanceOf(ClosedChannelException.class, await(late, "a write after shutdownOutput").cause());
    }

    @Test
    void closeReachesThePeerAfterTheDataAndLaterWritesFail() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        Recorder serverSide = new Recorder();
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        server(address, b -> { }, ch -> {
            accepted.add(ch);
            ch.pipeline().addLast(serverSide);
        });
        LocalChannel ch = connect(address, b -> { }, new Recorder());
        Channel child = accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        ch.writeAndFlush(buffer("bye".getBytes()));
        awaitSuccess(ch.close(), "close");
        assertTrue(serverSide.inactive.await(WAIT_SECONDS, TimeUnit.SECONDS), "the peer closes on end of stream");
        assertEquals("bye", new String(serverSide.awaitBytes(3)));
        ChannelFuture late = child.writeAndFlush(buffer(new byte[] {1}));
        assertFalse(await(late, "a write to a closed peer").isSuccess());
    }

    @Test
    void connectingWhereNobodyListensIsRefusedNamingTheAddress() throws Exception {
        LocalAddress nowhere = LocalAddress.of("nobody-listens-here");
        ChannelFuture f = connectAsync(nowhere, b -> { }, new Recorder());
        ConnectException e = assertInstanceOf(ConnectException.class, await(f, "refused connect").cause());
        assertTrue(e.getMessage().contains("local:nobody-listens-here"), e.getMessage());
        await(f.channel().closeFuture(), "the channel closing");
    }

    @Test
    void anAddressIsBoundOnceAndFreedOnClose() throws Exception {
        LocalAddress address = LocalAddress.of("bound-once");
        Channel first = server(address, b -> { }, ch -> { });
        ChannelFuture second = ServerBootstrap.create().group(group).channel(LocalServerChannel::new)
                .childHandler(new Echo()).bind(address);
        channels.add(second.channel());
        assertInstanceOf(BindException.class, await(second, "second bind").cause());
        awaitSuccess(first.close(), "close");
        ChannelFuture refused = connectAsync(address, b -> { }, new Recorder());
        assertInstanceOf(ConnectException.class, await(refused, "connect after close").cause());
        server(address, b -> { }, ch -> { }); // free again
    }

    @Test
    void messagesWaitingAtAClosedEndAreReleased() throws Exception {
        LocalAddress address = LocalAddress.ephemeral();
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        server(address, b -> b.childOption(ChannelOption.AUTO_READ, false), accepted::add);
        LocalChannel ch = connect(address, b -> { }, new Recorder());
        Channel child = accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        Buffer waiting = buffer(new byte[100]);
        awaitSuccess(ch.writeAndFlush(waiting), "write");
        assertEquals(1, waiting.refCnt(), "handed over, waiting at the reader");
        awaitSuccess(child.close(), "close the reader with the buffer still waiting");
        assertEquals(0, waiting.refCnt(), "released by the close");
    }
}
