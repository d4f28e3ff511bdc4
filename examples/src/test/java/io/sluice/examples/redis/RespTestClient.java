package io.sluice.examples.redis;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.resp.BulkString;
import io.sluice.codec.resp.RespAggregate;
import io.sluice.codec.resp.RespDecoder;
import io.sluice.codec.resp.RespEncoder;
import io.sluice.codec.resp.RespMessage;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Promise;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A RESP client on Sluice's own pipeline (RespEncoder out, RespDecoder for replies in): each reply
 * comes back as its wire text ({@code +OK\r\n}), matched to requests in order, so calls may be
 * pipelined.
 */
final class RespTestClient implements AutoCloseable {
    private record Pending(RespMessage request, Promise<String> reply) {}

    /** Matches replies to requests; runs on the channel's event loop only. */
    private static final class Correlator implements ChannelHandler {
        private final ArrayDeque<Promise<String>> waiting = new ArrayDeque<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            Pending pending = (Pending) msg;
            waiting.add(pending.reply());
            ctx.write(pending.request(), promise);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                Buffer out = BufferAllocator.unpooled().heapBuffer(64);
                RespEncoder.write((RespMessage) msg, out);
                String text = out.toString(StandardCharsets.UTF_8);
                out.release();
                Promise<String> reply = waiting.poll();
                if (reply != null) {
                    reply.trySuccess(text);
                }
            } finally {
                ReferenceCounting.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Promise<String> reply;
            while ((reply = waiting.poll()) != null) {
                reply.tryFailure(new ClosedChannelException());
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private final EventLoopGroup loops;
    private final Channel channel;

    private RespTestClient(EventLoopGroup loops, Channel channel) {
        this.loops = loops;
        this.channel = channel;
    }

    static RespTestClient connect(int port) throws InterruptedException {
        EventLoopGroup loops = NioEventLoopGroup.create(1);
        Channel channel = Bootstrap.create()
                .group(loops)
                .channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(RespDecoder.forReplies()).addLast(RespEncoder.create())
                                .addLast(new Correlator());
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        return new RespTestClient(loops, channel);
    }

    /** Sends a command of bulk strings; the future completes with the reply's wire text. */
    Future<String> send(String... args) {
        List<RespMessage> items = new ArrayList<>();
        for (String a : args) {
            items.add(BulkString.of(a));
        }
        Promise<String> reply = channel.eventLoop().newPromise();
        channel.writeAndFlush(new Pending(RespAggregate.array(items), reply)).addListener(write -> {
            if (!write.isSuccess()) {
                reply.tryFailure(write.cause());
            }
        });
        return reply;
    }

    /** Sends a command and waits for its reply's wire text. */
    String call(String... args) throws Exception {
        return send(args).get(10, TimeUnit.SECONDS);
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
