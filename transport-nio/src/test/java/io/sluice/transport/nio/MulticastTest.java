package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.DatagramPacket;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Multicast join, receive and leave on the loopback interface (skipped where it cannot multicast). */
@Timeout(30)
class MulticastTest {

    @Test
    void joinsReceivesAndLeavesAGroup() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        assumeTrue(lo != null && lo.supportsMulticast(), "the loopback interface does not support multicast here");
        InetAddress group = InetAddress.getByName("239.255.77.77");
        IoEventLoopGroup loops = NioEventLoopGroup.create(1, "multicast-test");
        try {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            NioDatagramChannel receiver = (NioDatagramChannel) Bootstrap.create().group(loops)
                    .channel(NioDatagramChannel::new)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .handler(new ChannelHandler() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            DatagramPacket packet = (DatagramPacket) msg;
                            received.add(packet.content().toString(StandardCharsets.UTF_8));
                            packet.release();
                        }
                    }).bind(new InetSocketAddress(0)).sync().channel();
            int port = ((InetSocketAddress) receiver.localAddress()).getPort();
            ChannelFuture joined = receiver.joinGroup(group, lo);
            assertTrue(joined.await(10, TimeUnit.SECONDS));
            assumeTrue(joined.isSuccess(), () -> "cannot join a multicast group here: " + joined.cause());

            NioDatagramChannel sender = (NioDatagramChannel) Bootstrap.create().group(loops)
                    .channel(NioDatagramChannel::new)
                    .option(ChannelOption.socket(StandardSocketOptions.IP_MULTICAST_IF), lo)
                    .option(ChannelOption.socket(StandardSocketOptions.IP_MULTICAST_LOOP), true)
                    .handler(new ChannelHandler() {}).bind(new InetSocketAddress(0)).sync().channel();
            sender.writeAndFlush(new DatagramPacket(Buffers.copyOf("to the group", StandardCharsets.UTF_8),
                    new InetSocketAddress(group, port))).sync();
            String got = received.poll(5, TimeUnit.SECONDS);
            assumeTrue(got != null, "multicast over loopback is not delivered in this environment");
            assertEquals("to the group", got);

            assertTrue(receiver.leaveGroup(group, lo).await(10, TimeUnit.SECONDS));
            ChannelFuture leaveAgain = receiver.leaveGroup(group, lo);
            assertTrue(leaveAgain.await(10, TimeUnit.SECONDS));
            assertTrue(leaveAgain.cause() instanceof IllegalStateException, "leaving twice names the rule");
            sender.close().sync();
            receiver.close().sync();
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(loops.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
