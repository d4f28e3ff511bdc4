package io.sluice.it.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One echo round trip over loopback, both ends on Sluice: a server on 127.0.0.1 at a port the
 * system picks, and a client that sends a message and waits until all of it has come back.
 */
public final class EchoRoundTrip {

    private EchoRoundTrip() {}

    /** Sends {@code message} through a fresh echo server and returns what the client got back. */
    public static String run(String message) throws Exception {
        byte[] sent = message.getBytes(UTF_8);
        EventLoopGroup loops = NioEventLoopGroup.create(2);
        try {
            Channel server = ServerBootstrap.create()
                    .group(loops)
                    .channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new Echo());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            Channel client = Bootstrap.create()
                    .group(loops)
                    .channel(NioSocketChannel::new)
                    .handler(new Collect(sent.length, reply))
                    .connect(server.localAddress()).sync().channel();
            client.writeAndFlush(Buffers.copyOf(sent)).sync();
            byte[] received = reply.get(10, TimeUnit.SECONDS);
            client.close().sync();
            server.close().sync();
            return new String(received, UTF_8);
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * Runs one round trip with the arguments (joined by spaces) as the message; prints the echo,
     * or exits with status 1 if it differs.
     */
    public static void main(String[] args) throws Exception {
        String message = args.length == 0 ? "hello" : String.join(" ", args);
        String echoed = run(message);
        if (!echoed.equals(message)) {
            System.err.println("sent '" + message + "' but got back '" + echoed + "'");
            System.exit(1);
        }
        System.out.println("echoed: " + echoed + " (in module "
                + EchoRoundTrip.class.getModule().getName() + ")");
    }

    /** Server side: writes back what it reads. */
    private static final class Echo implements ChannelHandler {
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
            ctx.close();
        }
    }

    /** Client side: gathers the echoed bytes until {@code expected} have arrived. */
    private static final class Collect implements ChannelHandler {
        private final int expected;
        private final CompletableFuture<byte[]> reply;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Collect(int expected, CompletableFuture<byte[]> reply) {
            this.expected = expected;
            this.reply = reply;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer buf = (Buffer) msg;
            try {
                received.writeBytes(Buffers.toByteArray(buf));
            } finally {
                buf.release();
            }
            if (received.size() >= expected) {
                reply.complete(received.toByteArray());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reply.completeExceptionally(new IOException(
                    "connection closed after " + received.size() + " of " + expected + " bytes"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reply.completeExceptionally(cause);
            ctx.close();
        }
    }
}
