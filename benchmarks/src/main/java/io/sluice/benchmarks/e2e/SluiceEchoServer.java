package io.sluice.benchmarks.e2e;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import io.sluice.handler.flush.FlushConsolidationHandler;
import io.sluice.handler.timeout.IdleStateHandler;
import io.sluice.handler.traffic.RateLimit;
import io.sluice.handler.traffic.TrafficShapingHandler;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Sluice echo server of the end-to-end benchmark: one NIO event loop accepts and serves every
 * connection; the handler writes each buffer back as it is read and flushes once per read batch.
 *
 * <p>{@code --handler} puts one of the generic handlers in front of the echo handler, to measure
 * what it costs against the plain pipeline in the same run ({@code run-e2e.sh} servers
 * {@code sluice-idle}, {@code sluice-flush}, {@code sluice-shaping}): {@code idle} (an
 * {@link IdleStateHandler} with all three idle times at 60 s), {@code flush} (a
 * {@link FlushConsolidationHandler}), {@code shaping} (a {@link TrafficShapingHandler} limiting reads
 * and writes to 10 GB/s each with a 1 GiB burst: it never binds, so only its bookkeeping is measured).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.SluiceEchoServer --port 0 [--seconds 600] [--handler none|idle|flush|shaping]</pre>
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
        Args args = Args.parse(argv, EchoServers.options("handler"), Set.of());
        int seconds = EchoServers.seconds(args);
        String extra = args.string("handler", "none");
        if (!Set.of("none", "idle", "flush", "shaping").contains(extra)) {
            throw new IllegalArgumentException("--handler: " + extra + " (expected: none, idle, flush or shaping)");
        }
        EchoHandler echo = new EchoHandler();
        EventLoopGroup group = NioEventLoopGroup.create(1);
        Channel server = ServerBootstrap.create()
                .group(group)
                .channel(NioServerSocketChannel::new)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(extra.equals("none") ? echo : new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(extra, switch (extra) {
                            case "idle" -> IdleStateHandler.create(60, 60, 60, TimeUnit.SECONDS);
                            case "flush" -> FlushConsolidationHandler.create();
                            default -> TrafficShapingHandler.create(RateLimit.of(10_000_000_000L, 1L << 30),
                                    RateLimit.of(10_000_000_000L, 1L << 30));
                        });
                        ch.pipeline().addLast("echo", echo);
                    }
                })
                .bind(EchoServers.HOST, args.intValue("port", 0))
                .sync()
                .channel();
        EchoServers.announce(server.localAddress());
        EchoServers.exitAfter(seconds);
    }
}
