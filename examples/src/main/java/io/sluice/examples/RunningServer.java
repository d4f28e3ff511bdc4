package io.sluice.examples;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import io.sluice.concurrent.EventExecutorGroup;
import io.sluice.concurrent.VirtualThreadExecutorGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The part every server example shares: event loops ({@code --io-threads}), an optional worker
 * group ({@code --worker-threads}), a TCP server channel bound as the options say (or, with
 * {@code --unix PATH}, a Unix domain socket at PATH, removed again on stop), and an orderly stop. An
 * example only says what goes in each connection's pipeline.
 */
public final class RunningServer implements ExampleServer {

    /** Fills one connection's pipeline; {@code workers} is null without {@code --worker-threads}. */
    @FunctionalInterface
    public interface PipelineSetup {
        /** Adds the handlers of one new connection to {@code pipeline}. */
        void setUp(ChannelPipeline pipeline, EventExecutorGroup workers);
    }

    private final EventLoopGroup loops;
    private final EventExecutorGroup workers;
    private final Channel server;

    private RunningServer(EventLoopGroup loops, EventExecutorGroup workers, Channel server) {
        this.loops = loops;
        this.workers = workers;
        this.server = server;
    }

    /** Starts a server on the options' host and port ({@code defaultPort} unless given) and returns once it listens. */
    public static RunningServer start(ExampleOptions options, int defaultPort, PipelineSetup setup)
            throws InterruptedException {
        EventLoopGroup loops = NioEventLoopGroup.create(options.ioThreads());
        EventExecutorGroup workers = workers(options);
        try {
            String unixPath = options.value("unix");
            Channel server = ServerBootstrap.create()
                    .group(loops)
                    .channel(unixPath != null ? NioServerSocketChannel::unixDomain : NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            setup.setUp(ch.pipeline(), workers);
                        }
                    })
                    .bind(unixPath != null ? UnixDomainSocketAddress.of(unixPath)
                            : new InetSocketAddress(options.host(), options.port(defaultPort)))
                    .sync().channel();
            return new RunningServer(loops, workers, server);
        } catch (Throwable t) { // could not bind: stop the threads before giving up
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            if (workers != null) {
                workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            }
            throw t;
        }
    }

    /**
     * Returns the group for offloaded handlers: virtual threads with {@code --virtual-threads} (JDK 21+),
     * {@code --worker-threads N} platform threads, or null for none.
     *
     * @throws IllegalArgumentException for {@code --virtual-threads} before JDK 21 (the message names the JDK)
     */
    static EventExecutorGroup workers(ExampleOptions options) {
        if (options.virtualThreads()) {
            try {
                return VirtualThreadExecutorGroup.create("sluice-virtual");
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("--virtual-threads: " + e.getMessage(), e);
            }
        }
        return options.workerThreads() > 0 ? DefaultEventExecutorGroup.create(options.workerThreads()) : null;
    }

    /** Returns the event loops, e.g. to schedule a periodic task on one. */
    public EventLoopGroup loops() {
        return loops;
    }

    /** Returns the TCP address; @throws UnsupportedOperationException when listening on a Unix socket */
    @Override
    public InetSocketAddress address() {
        if (server.localAddress() instanceof InetSocketAddress inet) {
            return inet;
        }
        throw new UnsupportedOperationException("listening on a Unix socket: " + server.localAddress());
    }

    @Override
    public String listeningOn() {
        return server.localAddress() instanceof UnixDomainSocketAddress unix ? unix.getPath().toString()
                : ExampleServer.super.listeningOn();
    }

    @Override
    public void stop() {
        server.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        if (workers != null) {
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public void awaitClose() throws InterruptedException {
        server.closeFuture().await();
    }
}
