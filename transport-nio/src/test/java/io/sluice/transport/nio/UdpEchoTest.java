package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.DatagramPacket;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP echo on loopback: addressed packets, and a connected channel writing plain buffers. */
@Timeout(30)
class UdpEchoTest {

    /** Records what arrives; shared by two client channels. */
    @ChannelHandler.Sharable
    private static final class Collector implements ChannelHandler {
        private final BlockingQueue<String> received;
        private final BlockingQueue<InetSocketAddress> senders;

        Collector(BlockingQueue<String> received, BlockingQueue<InetSocketAddress> senders) {
            this.received = received;
            this.senders = senders;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket in = (DatagramPacket) msg;
            received.add(in.content().toString(StandardCharsets.UTF_8));
            senders.add(in.sender());
            in.release();
        }
    }

    @Test
    void echoesDatagramsBackToTheirSender() throws Exception {
        IoEventLoopGroup group = NioEventLoopGroup.create(1, "udp-test");
        try {
            Channel server = Bootstrap.create().group(group).channel(NioDatagramChannel::new)
                    .handler(new ChannelHandler() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            DatagramPacket in = (DatagramPacket) msg;
                            ctx.writeAndFlush(new DatagramPacket(in.content(), in.sender()));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            InetSocketAddress serverAddress = (InetSocketAddress) server.localAddress();

            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            BlockingQueue<InetSocketAddress> senders = new LinkedBlockingQueue<>();
            ChannelHandler collector = new Collector(received, senders);
            Channel client = Bootstrap.create().group(group).channel(NioDatagramChannel::new).handler(collector)
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            for (int i = 0; i < 10; i++) {
                client.writeAndFlush(new DatagramPacket(Buffers.copyOf("ping " + i, StandardCharsets.UTF_8),
                        serverAddress));
            }
            for (int i = 0; i < 10; i++) {
                String got = received.poll(10, TimeUnit.SECONDS);
                assertTrue(got != null && got.startsWith("ping "), "reply " + i + ": " + got);
                assertEquals(serverAddress, senders.poll(1, TimeUnit.SECONDS));
            }

            // connected mode: plain buffers go to the one peer
            NioDatagramChannel connected = (NioDatagramChannel) Bootstrap.create().group(group)
                    .channel(NioDatagramChannel::new).handler(collector).connect(serverAddress).sync().channel();
            assertTrue(connected.isConnected());
            connected.writeAndFlush(Buffers.copyOf("hello", StandardCharsets.UTF_8)).sync();
            assertEquals("hello", received.poll(10, TimeUnit.SECONDS));

            // an unaddressed buffer on an unconnected channel is refused, naming the rule
            Buffer stray = Buffers.copyOf("stray", StandardCharsets.UTF_8);
            ChannelFuture refused = client.writeAndFlush(stray);
            assertTrue(refused.await(10, TimeUnit.SECONDS));
            assertInstanceOf(UnsupportedOperationException.class, refused.cause());
            assertTrue(refused.cause().getMessage().contains("connected"));
            assertEquals(0, stray.refCnt());

            connected.close().sync();
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
