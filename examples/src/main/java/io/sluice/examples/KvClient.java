package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Promise;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A client for {@link KvServer}. {@link #request} returns a future of the response; requests may
 * be pipelined, because the server answers in order: the client matches each response with the
 * oldest request still waiting. Run as an example it stores, reads and deletes a few keys.
 */
public final class KvClient implements AutoCloseable {

    /** A request on its way out, with the promise of its response. */
    private record Pending(KvMessage request, Promise<KvMessage> response) {}

    /**
     * Matches responses to requests. Both its methods run on the channel's event loop, so the
     * queue needs no lock.
     */
    private static final class Correlator implements ChannelHandler {
        private final ArrayDeque<Promise<KvMessage>> waiting = new ArrayDeque<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            Pending pending = (Pending) msg;
            waiting.add(pending.response());
            ctx.write(pending.request(), promise);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Promise<KvMessage> response = waiting.poll();
            if (response == null) {
                ctx.fireExceptionCaught(new IOException("response without a request: " + msg));
                return;
            }
            response.trySuccess((KvMessage) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Promise<KvMessage> response;
            while ((response = waiting.poll()) != null) {
                response.tryFailure(new ClosedChannelException());
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // pending requests fail in channelInactive
        }
    }

    private final EventLoopGroup loops;
    private final Channel channel;

    private KvClient(EventLoopGroup loops, Channel channel) {
        this.loops = loops;
        this.channel = channel;
    }

    /** Connects to a {@link KvServer}. */
    public static KvClient connect(String host, int port) throws InterruptedException {
        EventLoopGroup loops = NioEventLoopGroup.create(1);
        try {
            Channel channel = Bootstrap.create()
                    .group(loops)
                    .channel(NioSocketChannel::new)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("codec", new KvCodec()).addLast("correlator", new Correlator());
                        }
                    })
                    .connect(host, port).sync().channel();
            return new KvClient(loops, channel);
        } catch (RuntimeException | InterruptedException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Sends {@code request}; the future completes with the response or fails if the connection does. */
    public Future<KvMessage> request(KvMessage request) {
        Promise<KvMessage> response = channel.eventLoop().newPromise();
        channel.writeAndFlush(new Pending(request, response)).addListener(write -> {
            if (!write.isSuccess()) {
                response.tryFailure(write.cause());
            }
        });
        return response;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The example: a few pipelined requests, then the answers. @return whether every answer was right */
    static boolean demo(ExampleOptions options) throws Exception {
        try (KvClient client = connect(options.host(), options.port(7008))) {
            Future<KvMessage> put = client.request(KvMessage.put("greeting", "hello".getBytes(UTF_8)));
            Future<KvMessage> get = client.request(KvMessage.get("greeting"));
            Future<KvMessage> delete = client.request(KvMessage.delete("greeting"));
            Future<KvMessage> gone = client.request(KvMessage.get("greeting"));
            boolean ok = check("PUT greeting", put.get(5, TimeUnit.SECONDS), KvMessage.reply(KvMessage.Type.OK))
                    & check("GET greeting", get.get(5, TimeUnit.SECONDS), KvMessage.value("hello".getBytes(UTF_8)))
                    & check("DELETE greeting", delete.get(5, TimeUnit.SECONDS), KvMessage.reply(KvMessage.Type.OK))
                    & check("GET greeting", gone.get(5, TimeUnit.SECONDS), KvMessage.reply(KvMessage.Type.NOT_FOUND));
            System.out.println(ok ? "all answers as expected" : "UNEXPECTED ANSWERS");
            return ok;
        }
    }

    private static boolean check(String request, KvMessage answer, KvMessage expected) {
        String value = answer.value().length == 0 ? "" : " \"" + new String(answer.value(), UTF_8) + "\"";
        System.out.println(request + " -> " + answer.type() + value);
        return answer.equals(expected);
    }
}
