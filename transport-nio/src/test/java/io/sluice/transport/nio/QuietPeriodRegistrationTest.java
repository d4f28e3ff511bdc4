package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every channel a loop ever owned is closed before the loop terminates, including one that an
 * acceptor on another loop hands over while this loop is in its graceful-shutdown quiet period.
 */
class QuietPeriodRegistrationTest extends NioSocketTestSupport {

    @Test
    void aConnectionRegisteredDuringTheQuietPeriodIsClosed() throws Exception {
        IoEventLoopGroup acceptors = newGroup(1);
        IoEventLoopGroup workers = newGroup(1);
        BlockingQueue<Channel> accepted = new ArrayBlockingQueue<>(1);
        CountDownLatch inactive = new CountDownLatch(1);
        Channel server = startServer(acceptors, b -> b.group(acceptors, workers), ch -> {
            accepted.add(ch);
            ch.pipeline().addLast(new ChannelHandler() {
                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    inactive.countDown();
                }
            });
        });
        awaitSuccess(workers.next().submit(() -> { }), "the worker loop to start");
        // a quiet period long enough that the connection below is registered inside it
        workers.shutdownGracefully(1, 15, TimeUnit.SECONDS);
        try (Socket client = new Socket()) {
            client.connect(server.localAddress());
            client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));
            Channel child = poll(accepted, "the accepted channel");
            InputStream in = client.getInputStream();
            assertEquals(-1, in.read(), "the server side of the connection was not closed");
            await(child.closeFuture(), "the accepted channel's close future");
            await(inactive, "channelInactive of the accepted channel");
            await(workers.terminationFuture(), "the worker group to terminate");
            assertTrue(!child.isOpen() && !child.isRegistered(), child::toString);
            awaitSuccess(child.closeGracefully(), "a graceful close after the loop terminated");
        }
    }
}
