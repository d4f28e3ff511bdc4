package io.sluice.benchmarks.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Set;

/**
 * The same echo server on Netty 4.2 NIO: one event loop for accepting and serving, TCP_NODELAY,
 * the pooled allocator ({@code --allocator adaptive} for Netty 4.2's default adaptive one), and a
 * handler that writes each buffer back in {@code channelRead} and flushes in
 * {@code channelReadComplete}.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.NettyEchoServer --port 0 [--seconds 600] [--allocator pooled|adaptive]</pre>
 */
public final class NettyEchoServer {
    private NettyEchoServer() {}

    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
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

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, EchoServers.options("allocator"), Set.of());
        int seconds = EchoServers.seconds(args);
        String allocatorName = args.string("allocator", "pooled");
        ByteBufAllocator allocator;
        switch (allocatorName) {
            case "pooled":
                allocator = PooledByteBufAllocator.DEFAULT;
                break;
            case "adaptive":
                allocator = ByteBufAllocator.DEFAULT; // Netty 4.2's default (unless io.netty.allocator.type says otherwise)
                break;
            default:
                throw new IllegalArgumentException("--allocator pooled|adaptive, not " + allocatorName);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new EchoHandler())
                .bind(EchoServers.HOST, args.intValue("port", 0))
                .sync()
                .channel();
        EchoServers.announce(server.localAddress());
        EchoServers.exitAfter(seconds);
    }
}
