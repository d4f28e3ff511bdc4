package io.sluice.benchmarks.transport;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ServerChannel;
import io.sluice.channel.local.LocalAddress;
import io.sluice.channel.local.LocalChannel;
import io.sluice.channel.local.LocalEventLoopGroup;
import io.sluice.channel.local.LocalServerChannel;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import io.sluice.transport.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link EchoPair} on Sluice: local channels, Unix domain sockets or loopback TCP. */
final class SluiceEchoPair implements EchoPair {
    private final IoEventLoopGroup group;
    private final Channel server;
    private final Channel client;
    private final Counter counter = new Counter();

    /** Echoes and flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class Echo implements ChannelHandler {
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
    static final class Counter implements ChannelHandler {
        final EchoCount count = new EchoCount();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer buf = (Buffer) msg;
            count.received(buf.readableBytes());
            buf.release();
        }
    }

    SluiceEchoPair(String transport, Path dir) throws InterruptedException {
        SocketAddress address;
        Supplier<? extends ServerChannel> serverType;
        Supplier<? extends Channel> clientType;
        switch (transport) {
            case "local" -> {
                group = LocalEventLoopGroup.create(2);
                address = LocalAddress.ephemeral();
                serverType = LocalServerChannel::new;
                clientType = LocalChannel::new;
            }
            case "unix" -> {
                group = NioEventLoopGroup.create(2);
                address = UnixDomainSocketAddress.of(dir.resolve("sluice.sock"));
                serverType = NioServerSocketChannel::unixDomain;
                clientType = NioSocketChannel::unixDomain;
            }
            case "tcp" -> {
                group = NioEventLoopGroup.create(2);
                address = new InetSocketAddress("127.0.0.1", 0);
                serverType = NioServerSocketChannel::new;
                clientType = NioSocketChannel::new;
            }
            default -> throw new IllegalArgumentException("transport: " + transport + " (expected: local, unix, tcp)");
        }
        server = ServerBootstrap.create().group(group).channel(serverType).childHandler(new Echo())
                .bind(address).sync().channel();
        Bootstrap b = Bootstrap.create().group(group).channel(clientType).handler(counter);
        client = b.connect(server.localAddress()).sync().channel();
        if (transport.equals("tcp")) {
            client.config().option(ChannelOption.TCP_NODELAY, true);
        }
    }

    @Override
    public void roundTrip(int messages, int size) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.eventLoop().execute(() -> {
            counter.count.expect((long) messages * size, done);
            for (int i = 0; i < messages; i++) {
                Buffer buf = client.alloc().directBuffer(size);
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
