package io.sluice.benchmarks.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The blocking-handler echo server on Netty 4.2 NIO: one event loop, and a handler that sleeps
 * {@code --delay-ms} per message before writing it back, on a {@code DefaultEventExecutorGroup} of
 * {@code --workers} threads (Netty has no virtual-thread executor group).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.NettyBlockingEchoServer --port 0 --workers 16 --delay-ms 50</pre>
 */
public final class NettyBlockingEchoServer {
    private NettyBlockingEchoServer() {}

    @ChannelHandler.Sharable
    static final class BlockingEchoHandler extends ChannelInboundHandlerAdapter {
        private final long delayMillis;

        BlockingEchoHandler(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException e) {
                ReferenceCountUtil.release(msg);
                throw e;
            }
            ctx.writeAndFlush(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, EchoServers.options("workers", "delay-ms"), Set.of());
        int seconds = EchoServers.seconds(args);
        DefaultEventExecutorGroup workers = new DefaultEventExecutorGroup(args.intValue("workers", 16));
        BlockingEchoHandler handler = new BlockingEchoHandler(args.intValue("delay-ms", 50));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    @SuppressWarnings("deprecation") // Netty 4.2 deprecates handlers on another executor group; it is what is compared
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(workers, "echo", handler);
                    }
                })
                .bind(EchoServers.HOST, args.intValue("port", 0))
                .sync()
                .channel();
        EchoServers.announce(server.localAddress());
        EchoServers.exitAfter(seconds);
    }
}
