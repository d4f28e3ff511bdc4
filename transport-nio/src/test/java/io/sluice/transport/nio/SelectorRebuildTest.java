package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.spi.IoEventLoop;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Replacing a spinning selector keeps every registration: connections go on working. */
@Timeout(30)
class SelectorRebuildTest {

    @Test
    void connectionsSurviveARebuiltSelector() throws Exception {
        IoEventLoopGroup group = NioEventLoopGroup.create(1, "rebuild-test");
        try {
            Channel server = ServerBootstrap.create().group(group).channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelHandler() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ctx.writeAndFlush(msg);
                                }
                            });
                        }
                    }).bind(0).sync().channel();
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            Channel client = Bootstrap.create().group(group).channel(NioSocketChannel::new)
                    .handler(new ChannelHandler() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            Buffer buf = (Buffer) msg;
                            replies.add(buf.toString(StandardCharsets.UTF_8));
                            buf.release();
                        }
                    }).connect(server.localAddress()).sync().channel();
            client.writeAndFlush(Buffers.copyOf("before", StandardCharsets.UTF_8));
            assertEquals("before", replies.poll(10, TimeUnit.SECONDS));

            IoEventLoop loop = (IoEventLoop) client.eventLoop();
            NioIoHandler handler = (NioIoHandler) loop.ioHandler();
            loop.submit(handler::rebuildSelector).sync();

            client.writeAndFlush(Buffers.copyOf("after", StandardCharsets.UTF_8));
            assertEquals("after", replies.poll(10, TimeUnit.SECONDS), "the rebuilt selector still serves both ends");
            Channel second = Bootstrap.create().group(group).channel(NioSocketChannel::new)
                    .handler(new ChannelHandler() {}).connect(server.localAddress()).sync().channel();
            assertTrue(second.isActive(), "the listener was moved too");
            second.close().sync();
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
