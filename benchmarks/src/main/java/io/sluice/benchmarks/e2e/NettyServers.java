package io.sluice.benchmarks.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Set;
import java.util.function.Consumer;

/** Runs a Netty 4.2 protocol server of the end-to-end benchmarks the way every one of them runs. */
final class NettyServers {
    private NettyServers() {}

    /**
     * Parses {@code --port}, {@code --seconds} and {@code --allocator pooled|adaptive} (pooled unless
     * given; adaptive is 4.2's default) from {@code argv}, serves on 127.0.0.1 with one NIO event loop
     * (accepting and serving), TCP_NODELAY, each connection's pipeline built by {@code pipeline};
     * prints the "listening on" line and ends the process after the time limit.
     */
    static void serve(String[] argv, Consumer<ChannelPipeline> pipeline) throws InterruptedException {
        Args args = Args.parse(argv, EchoServers.options("allocator"), Set.of());
        int seconds = EchoServers.seconds(args);
        String allocatorName = args.string("allocator", "pooled");
        ByteBufAllocator allocator = switch (allocatorName) {
            case "pooled" -> PooledByteBufAllocator.DEFAULT;
            case "adaptive" -> ByteBufAllocator.DEFAULT;
            default -> throw new IllegalArgumentException("--allocator pooled|adaptive, not " + allocatorName);
        };
        Channel server = new ServerBootstrap()
                .group(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()))
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.ALLOCATOR, allocator)
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
