package io.sluice.benchmarks.e2e;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import io.sluice.concurrent.EventExecutorGroup;
import io.sluice.concurrent.VirtualThreadExecutorGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The echo server of the blocking-handler benchmark: one NIO event loop, and a handler that sleeps
 * {@code --delay-ms} per message (a stand-in for a database call) before writing it back, offloaded to
 * virtual threads ({@code --mode virtual}, JDK 21+) or to a {@link DefaultEventExecutorGroup} of
 * {@code --workers} threads ({@code --mode workers}).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.SluiceBlockingEchoServer --port 0 --mode virtual --delay-ms 50</pre>
 */
public final class SluiceBlockingEchoServer {
    private SluiceBlockingEchoServer() {}

    @ChannelHandler.Sharable
    static final class BlockingEchoHandler implements ChannelHandler {
        private final long delayMillis;

        BlockingEchoHandler(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException e) {
                ReferenceCounting.release(msg);
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
        Args args = Args.parse(argv, EchoServers.options("mode", "workers", "delay-ms"), Set.of());
        int seconds = EchoServers.seconds(args);
        String mode = args.string("mode", "virtual");
        EventExecutorGroup workers = switch (mode) {
            case "virtual" -> VirtualThreadExecutorGroup.create();
            case "workers" -> DefaultEventExecutorGroup.create(args.intValue("workers", 16));
            default -> throw new IllegalArgumentException("--mode virtual|workers, not " + mode);
        };
        BlockingEchoHandler handler = new BlockingEchoHandler(args.intValue("delay-ms", 50));
        EventLoopGroup group = NioEventLoopGroup.create(1);
        Channel server = ServerBootstrap.create()
                .group(group)
                .channel(NioServerSocketChannel::new)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
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
