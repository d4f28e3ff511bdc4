package io.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.TestTransport.TestClientChannel;
import io.sluice.bootstrap.TestTransport.TestServerChannel;
import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ConnectTimeoutException;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BootstrapTest {
    private static final AttributeKey<String> USER = AttributeKey.valueOf("bootstrap-test-user");

    private IoEventLoopGroup acceptors;
    private IoEventLoopGroup workers;

    @BeforeEach
    void setUp() {
        acceptors = TestTransport.group(1, "acceptor");
        workers = TestTransport.group(2, "worker");
    }

    @AfterEach
    void tearDown() throws Exception {
        acceptors.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(acceptors.terminationFuture().await(10, TimeUnit.SECONDS));
        assertTrue(workers.terminationFuture().await(10, TimeUnit.SECONDS));
    }

    @Test
    void serverGivesEveryAcceptedChannelItsHandlerOptionsAttributesAndAWorkerLoop() throws Exception {
        BlockingQueue<Channel> active = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        ChannelFuture bound = ServerBootstrap.create()
                .group(acceptors, workers)
                .channel(TestServerChannel::new)
                .childOption(ChannelOption.WRITE_SPIN_COUNT, 3)
                .childOption(ChannelOption.AUTO_READ, false)
                .childAttr(USER, "alice")
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        threads.add(Thread.currentThread().getName());
                        ch.pipeline().addLast("recorder", new ChannelHandler() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                active.add(ctx.channel());
                            }
                        });
                    }
                })
                .bind(0);
        assertTrue(bound.await(10, TimeUnit.SECONDS));
        assertTrue(bound.isSuccess(), () -> String.valueOf(bound.cause()));
        TestServerChannel server = (TestServerChannel) bound.channel();
        assertTrue(server.isActive());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), server.localAddress());
        assertEquals(0, server.pipeline().names().stream().filter(n -> n.startsWith("ServerBootstrap")).count(),
                "the server's initializer removed itself");

        server.accept();
        server.accept();
        Channel first = active.poll(10, TimeUnit.SECONDS);
        Channel second = active.poll(10, TimeUnit.SECONDS);
        for (Channel child : new Channel[] {first, second}) {
            assertSame(server, child.parent());
            assertEquals(3, child.config().writeSpinCount());
            assertFalse(child.config().isAutoRead());
            assertEquals("alice", child.attr(USER).get());
            assertTrue(child.config().isSuspendReadWhenUnwritable(), "accepted channels suspend reads by default");
            assertTrue(child.pipeline().names().contains("recorder"));
            assertTrue(child.eventLoop().parent() == workers, "registered with the worker group");
        }
        assertNotSame(first.eventLoop(), second.eventLoop(), "round-robin over two workers");
        assertTrue(threads.poll(1, TimeUnit.SECONDS).startsWith("worker"), "initChannel runs on the child's loop");
        server.close().sync();
    }

    @Test
    void singleGroupServesAsAcceptorAndWorker() throws Exception {
        ServerBootstrap b = ServerBootstrap.create().group(acceptors).channel(TestServerChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {}
                });
        ChannelFuture bound = b.bind("127.0.0.1", 0);
        assertTrue(bound.await(10, TimeUnit.SECONDS) && bound.isSuccess());
        bound.channel().close().sync();
    }

    @Test
    void bindFailureFailsTheFutureAndClosesTheChannel() throws Exception {
        ChannelFuture bound = ServerBootstrap.create().group(acceptors).channel(() -> {
            TestServerChannel ch = new TestServerChannel();
            ch.failBind = true;
            return ch;
        }).childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {}
        }).bind(7);
        assertTrue(bound.await(10, TimeUnit.SECONDS));
        assertInstanceOf(BindException.class, bound.cause());
        assertTrue(bound.channel().closeFuture().await(10, TimeUnit.SECONDS), "closed after the failed bind");
    }

    @Test
    void missingSettingsAreNamed() {
        IllegalStateException noGroup = assertThrows(IllegalStateException.class,
                () -> ServerBootstrap.create().channel(TestServerChannel::new).bind(0));
        assertTrue(noGroup.getMessage().contains("group"));
        IllegalStateException noChannel = assertThrows(IllegalStateException.class,
                () -> Bootstrap.create().group(workers).connect("127.0.0.1", 1));
        assertTrue(noChannel.getMessage().contains("channel"));
        IllegalStateException noChild = assertThrows(IllegalStateException.class,
                () -> ServerBootstrap.create().group(acceptors).channel(TestServerChannel::new).bind(0));
        assertTrue(noChild.getMessage().contains("childHandler"));
        assertThrows(IllegalStateException.class, () -> Bootstrap.create().group(workers)
                .channel(TestClientChannel::new).connect());
    }

    @Test
    void clientConnectsAndBecomesActive() throws Exception {
        BlockingQueue<Channel> active = new LinkedBlockingQueue<>();
        ChannelFuture connected = Bootstrap.create().group(workers).channel(TestClientChannel::new)
                .handler(new ChannelHandler() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        active.add(ctx.channel());
                    }
                })
                .connect("127.0.0.1", 9);
        assertTrue(connected.await(10, TimeUnit.SECONDS));
        assertTrue(connected.isSuccess(), () -> String.valueOf(connected.cause()));
        assertSame(connected.channel(), active.poll(10, TimeUnit.SECONDS));
        assertEquals(new InetSocketAddress("127.0.0.1", 9), connected.channel().remoteAddress());
        connected.channel().close().sync();
    }

    @Test
    void connectTimeoutFailsWithConnectTimeoutExceptionAndCloses() throws Exception {
        ChannelFuture connected = Bootstrap.create().group(workers).channel(() -> {
            TestClientChannel ch = new TestClientChannel();
            ch.pending = true;
            return ch;
        }).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 100).connect("127.0.0.1", 9);
        assertTrue(connected.await(10, TimeUnit.SECONDS));
        ConnectTimeoutException e = assertInstanceOf(ConnectTimeoutException.class, connected.cause());
        assertTrue(e.getMessage().contains("100 ms"), e.getMessage());
        assertTrue(connected.channel().closeFuture().await(10, TimeUnit.SECONDS));
    }

    @Test
    void aSetupFailureFailsTheFutureAndClosesTheUnregisteredChannel() throws Exception {
        ChannelHandler notSharable = new ChannelHandler() {};
        Bootstrap b = Bootstrap.create().group(workers).channel(TestClientChannel::new).handler(notSharable);
        ChannelFuture first = b.connect("127.0.0.1", 9);
        assertTrue(first.await(10, TimeUnit.SECONDS) && first.isSuccess());
        ChannelFuture second = b.connect("127.0.0.1", 9);
        assertTrue(second.await(10, TimeUnit.SECONDS));
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, second.cause());
        assertTrue(e.getMessage().contains("@Sharable"), e.getMessage());
        assertFalse(second.channel().isOpen(), "closed although it was never registered");
        first.channel().close().sync();
    }

    @Test
    void registeringTwiceFails() throws Exception {
        TestClientChannel ch = new TestClientChannel();
        assertTrue(workers.register(ch).await(10, TimeUnit.SECONDS));
        ChannelFuture again = workers.register(ch);
        assertTrue(again.await(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, again.cause());
        ch.close().sync();
    }
}
