package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket options: defaults, pass-through of JDK options, and SO_REUSEPORT listeners on two loops. */
@Timeout(30)
class SocketOptionsTest {
    private IoEventLoopGroup group;

    @BeforeEach
    void setUp() {
        group = NioEventLoopGroup.create(2, "options-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
    }

    private ServerBootstrap server(BlockingQueue<Channel> accepted) {
        return ServerBootstrap.create().group(group).channel(NioServerSocketChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                    }
                });
    }

    @Test
    void tcpNoDelayIsOnAndChildOptionsReachTheSocket() throws Exception {
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        Channel listener = server(accepted)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.SO_RCVBUF, 128 * 1024)
                .childOption(ChannelOption.socket(StandardSocketOptions.SO_SNDBUF), 96 * 1024)
                .bind(0).sync().channel();
        assertEquals(64, listener.config().option(ChannelOption.SO_BACKLOG));
        Channel client = Bootstrap.create().group(group).channel(NioSocketChannel::new)
                .handler(new ChannelHandler() {})
                .connect(listener.localAddress()).sync().channel();
        assertTrue(client.config().option(ChannelOption.TCP_NODELAY), "TCP_NODELAY is on by default");
        Channel child = accepted.poll(10, TimeUnit.SECONDS);
        assertTrue(child.config().option(ChannelOption.TCP_NODELAY));
        assertTrue(child.config().option(ChannelOption.SO_KEEPALIVE));
        assertTrue(child.config().option(ChannelOption.SO_RCVBUF) >= 128 * 1024, "the kernel may round up");
        assertTrue(child.config().option(ChannelOption.SO_SNDBUF) >= 96 * 1024);
        assertNull(child.config().option(ChannelOption.SO_BROADCAST), "TCP has no SO_BROADCAST");
        assertFalse(child.config().option(ChannelOption.SO_BROADCAST, true));
        assertThrows(IllegalArgumentException.class, () -> listener.config().option(ChannelOption.SO_BACKLOG, 0));
        client.close().sync();
        listener.close().sync();
    }

    @Test
    void reusePortLetsTwoLoopsListenOnOnePort() throws Exception {
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        Channel first = server(accepted).option(ChannelOption.SO_REUSEPORT, true).bind(0).sync().channel();
        int port = ((InetSocketAddress) first.localAddress()).getPort();

        ChannelFuture clash = server(accepted).bind(port);
        assertTrue(clash.await(10, TimeUnit.SECONDS));
        assertInstanceOf(BindException.class, clash.cause(), "without SO_REUSEPORT the port is taken");

        Channel second = server(accepted).option(ChannelOption.SO_REUSEPORT, true).bind(port).sync().channel();
        for (int i = 0; i < 20; i++) {
            Channel client = Bootstrap.create().group(group).channel(NioSocketChannel::new)
                    .handler(new ChannelHandler() {})
                    .connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            Channel child = accepted.poll(10, TimeUnit.SECONDS);
            assertTrue(child != null && child.isActive(), "connection " + i + " accepted by one of the listeners");
            client.close().sync();
        }
        first.close().sync();
        second.close().sync();
    }
}
