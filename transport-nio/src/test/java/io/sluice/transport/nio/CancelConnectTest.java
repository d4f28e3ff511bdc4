package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Cancelling the future of {@code Bootstrap.connect()} or {@code ServerBootstrap.bind()} stops it. */
class CancelConnectTest extends NioSocketTestSupport {

    @Test
    void cancellingAConnectClosesTheChannel() throws Exception {
        IoEventLoopGroup serverGroup = newGroup(1);
        Channel server = startEchoServer(serverGroup);
        IoEventLoopGroup clientGroup = newGroup(1);
        CountDownLatch release = blockLoop(clientGroup.next()); // the connect cannot complete before the cancel
        ChannelFuture connect = connectAsync(clientGroup, server.localAddress(), b -> { }, null);
        assertTrue(connect.cancel(false));
        release.countDown();
        Channel ch = connect.channel();
        await(ch.closeFuture(), "the cancelled connect's channel to close");
        assertFalse(ch.isOpen());
        assertTrue(connect.isCancelled());
    }

    @Test
    void cancellingABindClosesTheChannel() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        CountDownLatch release = blockLoop(group.next());
        ChannelFuture bind = ServerBootstrap.create().group(group).channel(NioServerSocketChannel::new)
                .childHandler(new ChannelHandler() { }).bind(new InetSocketAddress("127.0.0.1", 0));
        Channel ch = closeAfterTest(bind.channel());
        assertTrue(bind.cancel(false));
        release.countDown();
        await(ch.closeFuture(), "the cancelled bind's channel to close");
        assertFalse(ch.isOpen());
    }
}
