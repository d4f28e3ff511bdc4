package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelGroup;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.channel.SimpleChannelInboundHandler;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.codec.string.LineEncoder;
import io.sluice.codec.string.StringDecoder;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import io.sluice.concurrent.EventExecutorGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A line-based chat room: every line a client sends goes to every other client, prefixed with
 * the sender's address. Try it with two terminals running {@code nc 127.0.0.1 7007}.
 *
 * <p>The pipeline is the framework's stock codecs and one handler of business logic: lines are
 * framed ({@link LineFrameDecoder}, at most 8 KiB each; a longer line closes that connection and
 * nobody else notices), decoded to strings, and strings written back become lines
 * ({@link LineEncoder}). With {@code --worker-threads N} the chat handler runs on a worker group,
 * still in order per connection.
 */
public final class ChatServer implements ExampleServer {
    static final int MAX_LINE = 8192;

    /** One per server: the room is the group of connected channels. */
    @ChannelHandler.Sharable
    static final class ChatHandler extends SimpleChannelInboundHandler<String> {
        private final ChannelGroup room = ChannelGroup.create("chat");

        ChatHandler() {
            super(String.class);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel joined = ctx.channel();
            room.writeAndFlush("* " + joined.remoteAddress() + " joined");
            room.add(joined); // removed by the group itself when the channel closes
            ctx.writeAndFlush("* welcome; " + (room.size() - 1) + " other(s) here");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            room.writeAndFlush("* " + ctx.channel().remoteAddress() + " left");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            Channel sender = ctx.channel();
            room.writeAndFlush("[" + sender.remoteAddress() + "] " + line, ch -> ch != sender);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. a line over MAX_LINE: the decoder already closes this connection gracefully
            System.out.println("closing " + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            ctx.close();
        }
    }

    private final EventLoopGroup loops;
    private final EventExecutorGroup workers;
    private final Channel server;

    private ChatServer(EventLoopGroup loops, EventExecutorGroup workers, Channel server) {
        this.loops = loops;
        this.workers = workers;
        this.server = server;
    }

    /** Starts the server as the options say and returns once it listens. */
    public static ChatServer start(ExampleOptions options) throws InterruptedException {
        EventLoopGroup loops = NioEventLoopGroup.create(options.ioThreads());
        EventExecutorGroup workers = options.workerThreads() > 0
                ? DefaultEventExecutorGroup.create(options.workerThreads()) : null;
        ChatHandler chat = new ChatHandler();
        LineEncoder lines = new LineEncoder(UTF_8);
        StringDecoder text = new StringDecoder(UTF_8);
        try {
            Channel server = ServerBootstrap.create()
                    .group(loops)
                    .channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast("frames", new LineFrameDecoder(MAX_LINE)) // one per connection
                                    .addLast("text", text)                              // sharable
                                    .addLast("lines", lines)                            // sharable
                                    .addLast(workers, "chat", chat);
                        }
                    })
                    .bind(options.host(), options.port(7007)).sync().channel();
            return new ChatServer(loops, workers, server);
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
