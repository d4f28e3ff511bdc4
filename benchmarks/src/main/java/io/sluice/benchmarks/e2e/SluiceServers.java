package io.sluice.benchmarks.e2e;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ChannelPipeline;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.util.Set;
import java.util.function.Consumer;

/** Runs a Sluice protocol server of the end-to-end benchmarks the way every one of them runs. */
final class SluiceServers {
    private SluiceServers() {}

    /**
     * Parses {@code --port} and {@code --seconds} from {@code argv}, serves on 127.0.0.1 with one NIO
     * event loop (accepting and serving), TCP_NODELAY, each connection's pipeline built by
     * {@code pipeline}; prints the "listening on" line and ends the process after the time limit.
     */
    static void serve(String[] argv, Consumer<ChannelPipeline> pipeline) throws InterruptedException {
        Args args = Args.parse(argv, EchoServers.OPTIONS, Set.of());
        int seconds = EchoServers.seconds(args);
        Channel server = ServerBootstrap.create()
                .group(NioEventLoopGroup.create(1))
                .channel(NioServerSocketChannel::new)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline.accept(ch.pipeline());
                    }
                })
                .bind(EchoServers.HOST, args.intValue("port", 0))
                .sync()
                .channel();
        EchoServers.announce(server.localAddress());
        EchoServers.exitAfter(seconds);
    }
}
