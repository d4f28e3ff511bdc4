package io.sluice.benchmarks.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link EchoPair} on Netty 4.2: local channels, Unix domain sockets (NIO) or loopback TCP. */
final class NettyEchoPair implements EchoPair {
    private final EventLoopGroup group;
    private final Channel server;
    private final Channel client;
    private final Counter counter = new Counter();

    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Counts echoed bytes. Loop only. */
    static final class Counter extends ChannelInboundHandlerAdapter {
        final EchoCount count = new EchoCount();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            count.received(buf.readableBytes());
            buf.release();
        }
    }

    NettyEchoPair(String transport, Path dir) throws InterruptedException {
        SocketAddress address;
        ServerBootstrap sb = new ServerBootstrap();
        Bootstrap b = new Bootstrap();
        switch (transport) {
            case "local" -> {
                group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
                address = new LocalAddress("netty-bench-" + System.nanoTime());
                sb.channel(LocalServerChannel.class);
                b.channel(LocalChannel.class);
            }
            case "unix" -> {
                group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
                address = UnixDomainSocketAddress.of(dir.resolve("netty.sock"));
                sb.channel(NioServerDomainSocketChannel.class);
                b.channel(NioDomainSocketChannel.class);
            }
            case "tcp" -> {
                group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
                address = new InetSocketAddress("127.0.0.1", 0);
                sb.channel(NioServerSocketChannel.class).childOption(ChannelOption.TCP_NODELAY, true);
                b.channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
            }
            default -> throw new IllegalArgumentException("transport: " + transport + " (expected: local, unix, tcp)");
        }
        server = sb.group(group).childHandler(new Echo()).bind(address).sync().channel();
        client = b.group(group).handler(counter).connect(server.localAddress()).sync().channel();
    }

    @Override
    public void roundTrip(int messages, int size) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.eventLoop().execute(() -> {
            counter.count.expect((long) messages * size, done);
            for (int i = 0; i < messages; i++) {
                ByteBuf buf = client.alloc().directBuffer(size);
                buf.writerIndex(size);
                client.write(buf, client.voidPromise());
            }
            client.flush();
        });
        done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        client.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
}
