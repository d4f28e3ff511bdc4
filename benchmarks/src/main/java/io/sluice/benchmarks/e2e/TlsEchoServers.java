package io.sluice.benchmarks.e2e;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.tls.SelfSignedCertificate;
import io.sluice.codec.tls.TlsContext;
import io.sluice.codec.tls.TlsContextBuilder;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The two TLS echo servers of {@link TlsEchoBenchmark}, in this JVM, each on one NIO event loop with
 * TCP_NODELAY: Sluice's {@code TlsHandler} and Netty 4.2's {@code SslHandler} on the JDK provider,
 * the same certificate and protocol, each followed by its echo handler. Each server reports the CPU
 * time of the threads that did its TLS work: its event loop, plus (Sluice) the delegated-task
 * threads, since Netty's JDK handler runs those tasks on its loop.
 */
final class TlsEchoServers {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A running server: where it listens and the CPU its threads used so far. */
    interface Server extends AutoCloseable {
        String name();

        int port();

        /** CPU nanoseconds used by the server's threads since start. */
        long cpuNanos();

        @Override
        void close();
    }

    private TlsEchoServers() {}

    /** Sums the CPU time of {@code threads} and of the live threads whose name starts with {@code prefix} (if given). */
    private static long cpu(Set<Thread> threads, String prefix) {
        long total = 0;
        for (Thread thread : threads) {
            total += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
        }
        if (prefix != null) { // Sluice's delegated-task pool keeps its threads for a minute after use: alive during a run
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith(prefix)) {
                    total += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
                }
            }
        }
        return total;
    }

    static Server sluice(SelfSignedCertificate cert, String protocol) throws Exception {
        TlsContext tls = TlsContextBuilder.forServer(cert.privateKey(), cert.certificate()).protocols(protocol).build();
        Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
        SluiceEchoServer.EchoHandler echo = new SluiceEchoServer.EchoHandler();
        EventLoopGroup group = NioEventLoopGroup.create(1);
        Channel channel = ServerBootstrap.create()
                .group(group)
                .channel(NioServerSocketChannel::new)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        loopThreads.add(Thread.currentThread());
                        ch.pipeline().addLast("tls", tls.newHandler()).addLast("echo", echo);
                    }
                })
                .bind(EchoServers.HOST, 0).sync().channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        return new Server() {
            @Override
            public String name() {
                return "sluice";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public long cpuNanos() {
                return cpu(loopThreads, "sluice-tls-task-");
            }

            @Override
            public void close() {
                channel.close().syncUninterruptibly();
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }

    static Server netty(SelfSignedCertificate cert, String protocol) throws Exception {
        SslContext tls = SslContextBuilder.forServer(cert.privateKey(), cert.certificate())
                .sslProvider(SslProvider.JDK).protocols(protocol).build();
        Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
        NettyEchoServer.EchoHandler echo = new NettyEchoServer.EchoHandler();
        io.netty.channel.EventLoopGroup group = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                io.netty.channel.nio.NioIoHandler.newFactory());
        io.netty.channel.Channel channel = new io.netty.bootstrap.ServerBootstrap()
                .group(group)
                .channel(io.netty.channel.socket.nio.NioServerSocketChannel.class)
                .childOption(io.netty.channel.ChannelOption.TCP_NODELAY, true)
                .childHandler(new io.netty.channel.ChannelInitializer<io.netty.channel.Channel>() {
                    @Override
                    protected void initChannel(io.netty.channel.Channel ch) {
                        loopThreads.add(Thread.currentThread());
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc())).addLast("echo", echo);
                    }
                })
                .bind(EchoServers.HOST, 0).sync().channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        return new Server() {
            @Override
            public String name() {
                return "netty";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public long cpuNanos() {
                return cpu(loopThreads, null);
            }

            @Override
            public void close() {
                channel.close().syncUninterruptibly();
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }
}
