package io.sluice.benchmarks.e2e;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.util.Set;

/**
 * The Sluice echo server of the end-to-end benchmark: one NIO event loop accepts and serves every
 * connection; the handler writes each buffer back as it is read and flushes once per read batch.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.SluiceEchoServer --port 0 [--seconds 600]</pre>
 */
public final class SluiceEchoServer {
    private SluiceEchoServer() {}

    /** Writes back what it reads: no copy, the read buffer itself is written. */
    @ChannelHandler.Sharable
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
            ctx.close(); // a client that resets its connections is not an error here
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, EchoServers.OPTIONS, Set.of());
        int seconds = EchoServers.seconds(args);
        EventLoopGroup group = NioEventLoopGroup.create(1);
        Channel server = ServerBootstrap.create()
                .group(group)
                .channel(NioServerSocketChannel::new)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new EchoHandler())
                .bind(EchoServers.HOST, args.intValue("port", 0))
                .sync()
                .channel();
        EchoServers.announce(server.localAddress());
        EchoServers.exitAfter(seconds);
    }
}
