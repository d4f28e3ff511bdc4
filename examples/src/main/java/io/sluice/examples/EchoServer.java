package io.sluice.examples;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import io.sluice.concurrent.EventExecutorGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * TCP echo: every byte a client sends comes back. The whole server is {@link #start}: an event
 * loop group, a server channel, and one handler per connection. With {@code --worker-threads N}
 * the echo handler runs on a worker group instead of the I/O loop (the single-reactor
 * multi-thread model); each connection's bytes still come back in order.
 */
public final class EchoServer implements ExampleServer {

    /** Writes back what it reads; flushes once per read batch so pipelined input leaves in one write. */
    @ChannelHandler.Sharable
    static final class EchoHandler implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg); // the buffer's ownership goes with the write
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken connection is closed; the server carries on
        }
    }

    private final EventLoopGroup loops;
    private final EventExecutorGroup workers;
    private final Channel server;

    private EchoServer(EventLoopGroup loops, EventExecutorGroup workers, Channel server) {
        this.loops = loops;
        this.workers = workers;
        this.server = server;
    }

    /** Starts the server as the options say and returns once it listens. */
    public static EchoServer start(ExampleOptions options) throws InterruptedException {
        EventLoopGroup loops = NioEventLoopGroup.create(options.ioThreads());
        EventExecutorGroup workers = options.workerThreads() > 0
                ? DefaultEventExecutorGroup.create(options.workerThreads()) : null;
        EchoHandler echo = new EchoHandler();
        try {
            Channel server = ServerBootstrap.create()
                    .group(loops)
                    .channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(workers, "echo", echo);
                        }
                    })
                    .bind(options.host(), options.port(7007)).sync().channel();
            return new EchoServer(loops, workers, server);
        } catch (Throwable t) { // could not bind: stop the threads before giving up
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            if (workers != null) {
                workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            }
            throw t;
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
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
