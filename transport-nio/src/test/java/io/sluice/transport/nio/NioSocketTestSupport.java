package io.sluice.transport.nio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoop;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Shared set-up of the real-socket tests: event loop groups and channels made through it are
 * closed and shut down after each test (before the leak check runs), and every wait is bounded.
 */
@Timeout(60)
abstract class NioSocketTestSupport {
    /** Upper bound of any single wait in these tests. */
    static final long AWAIT_SECONDS = 20;

    private final List<IoEventLoopGroup> groups = new ArrayList<>();
    private final List<Channel> channels = new CopyOnWriteArrayList<>();

    /** Returns a new group of {@code threads} NIO loops, shut down after the test. */
    final IoEventLoopGroup newGroup(int threads) {
        IoEventLoopGroup group = NioEventLoopGroup.create(threads, "nio-test");
        groups.add(group);
        return group;
    }

    /** Closes {@code ch} after the test (before the groups shut down). @return {@code ch} */
    final <C extends Channel> C closeAfterTest(C ch) {
        channels.add(ch);
        return ch;
    }

    @AfterEach
    final void closeChannelsAndShutDownGroups() throws Exception {
        try {
            for (Channel ch : channels) {
                ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        } finally {
            for (IoEventLoopGroup group : groups) {
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            }
            for (IoEventLoopGroup group : groups) {
                assertTrue(group.terminationFuture().await(15, TimeUnit.SECONDS), "event loop group did not terminate");
            }
        }
    }

    /** Binds a server on 127.0.0.1:0 whose accepted channels get {@code initChild}'s handlers. */
    final Channel startServer(IoEventLoopGroup group, Consumer<ServerBootstrap> options, Consumer<Channel> initChild)
            throws InterruptedException {
        return startServer(group, new InetSocketAddress("127.0.0.1", 0), options, initChild);
    }

    /** Binds a server on {@code local} whose accepted channels get {@code initChild}'s handlers. */
    final Channel startServer(IoEventLoopGroup group, SocketAddress local, Consumer<ServerBootstrap> options,
            Consumer<Channel> initChild) throws InterruptedException {
        ServerBootstrap b = ServerBootstrap.create()
                .group(group)
                .channel(NioServerSocketChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initChild.accept(ch);
                    }
                });
        options.accept(b);
        ChannelFuture bound = b.bind(local);
        awaitSuccess(bound, "bind");
        return closeAfterTest(bound.channel());
    }

    /** Binds an echo server (see {@link EchoHandler}). */
    final Channel startEchoServer(IoEventLoopGroup group) throws InterruptedException {
        return startServer(group, b -> { }, ch -> ch.pipeline().addLast("echo", new EchoHandler()));
    }

    /** Starts connecting a client with {@code handler} (may be null); the channel is closed after the test. */
    final ChannelFuture connectAsync(IoEventLoopGroup group, SocketAddress remote, Consumer<Bootstrap> options,
            ChannelHandler handler) {
        Bootstrap b = Bootstrap.create().group(group).channel(NioSocketChannel::new);
        if (handler != null) {
            b.handler(handler);
        }
        options.accept(b);
        ChannelFuture f = b.connect(remote);
        closeAfterTest(f.channel());
        return f;
    }

    /** Connects a client and waits until it is connected. */
    final NioSocketChannel connect(IoEventLoopGroup group, SocketAddress remote, Consumer<Bootstrap> options,
            ChannelHandler handler) throws InterruptedException {
        ChannelFuture f = connectAsync(group, remote, options, handler);
        awaitSuccess(f, "connect to " + remote);
        return (NioSocketChannel) f.channel();
    }

    // ---- waiting ---------------------------------------------------------------------------------

    static <F extends Future<?>> F await(F future, String what) throws InterruptedException {
        assertTrue(future.await(AWAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for " + what);
        return future;
    }

    static <F extends Future<?>> F awaitSuccess(F future, String what) throws InterruptedException {
        await(future, what);
        if (!future.isSuccess()) {
            throw new AssertionError(what + " failed", future.cause());
        }
        return future;
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(AWAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    static <T> T await(CompletableFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        }
    }

    static <T> T poll(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            fail("timed out waiting for " + what);
        }
        return item;
    }

    /**
     * Keeps {@code loop} busy with a task until the returned latch is released (or the test's bound
     * passes), so that what other threads hand it meanwhile waits in its queue.
     */
    static CountDownLatch blockLoop(EventLoop loop) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            started.countDown();
            try {
                release.await(AWAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await(started, "the loop to be busy");
        return release;
    }

    /** Runs {@code task} on {@code ch}'s event loop and returns its result. */
    static <T> T callOnLoop(Channel ch, Callable<T> task) throws InterruptedException {
        Future<T> f = awaitSuccess(ch.eventLoop().submit(task), "a task on " + ch.eventLoop());
        return f.getNow();
    }

    /**
     * Returns once {@code ch}'s loop has been through at least one full turn (wait for I/O, process
     * ready channels, run tasks) that began after this call: a scheduled task becomes due only in a
     * later turn than the one that queued it. Twice, for good measure.
     */
    static void quiesce(Channel ch) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            awaitSuccess(ch.eventLoop().schedule(() -> { }, 1, TimeUnit.MILLISECONDS), "a turn of " + ch.eventLoop());
        }
    }

    /**
     * A bounded poll, only for conditions that no event signals (kernel state, the absence of
     * progress). Fails with {@code what} after {@link #AWAIT_SECONDS}.
     */
    static void pollUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Returns the bytes received by the kernel for {@code ch} and not yet read (FIONREAD). */
    static int kernelReadableBytes(NioSocketChannel ch) {
        try {
            return ((SocketChannel) ch.javaChannel()).socket().getInputStream().available();
        } catch (IOException e) {
            throw new AssertionError("cannot query the socket of " + ch, e);
        }
    }

    /** Returns the number of open file descriptors of this process, or -1 without /proc/self/fd. */
    static int openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(fds)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + fds, e);
        }
    }

    // ---- data -----------------------------------------------------------------------------------

    static Buffer direct(byte[] bytes) {
        return BufferAllocator.pooled().directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
    }

    static Buffer ascii(String text) {
        return direct(text.getBytes(US_ASCII));
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, US_ASCII);
    }

    static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " bytes but got " + actual.length);
        }
        int at = Arrays.mismatch(expected, actual);
        if (at >= 0) {
            fail(what + ": first difference at byte " + at + " of " + expected.length
                    + " (expected " + expected[at] + ", got " + actual[at] + ")");
        }
    }

    // ---- handlers -------------------------------------------------------------------------------

    /** Writes back what it reads, flushing once per read batch; closes on an exception. */
    static final class EchoHandler implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
