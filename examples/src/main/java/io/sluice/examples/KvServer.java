package io.sluice.examples;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.channel.SimpleChannelInboundHandler;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A key-value server speaking the length-prefixed binary protocol of {@link KvMessage} through
 * {@link KvCodec}. Requests are answered in order, so a client may pipeline them. A malformed or
 * oversized frame closes that one connection; everyone else carries on.
 */
public final class KvServer implements ExampleServer {

    /** Answers requests from one shared map. */
    @ChannelHandler.Sharable
    static final class KvHandler extends SimpleChannelInboundHandler<KvMessage> {
        private final Map<String, byte[]> store = new ConcurrentHashMap<>();

        KvHandler() {
            super(KvMessage.class);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, KvMessage request) {
            ctx.write(answer(request)); // flushed once per read batch, below
        }

        private KvMessage answer(KvMessage request) {
            switch (request.type()) {
                case GET: {
                    byte[] value = store.get(request.key());
                    return value == null ? KvMessage.reply(KvMessage.Type.NOT_FOUND) : KvMessage.value(value);
                }
                case PUT:
                    store.put(request.key(), request.value());
                    return KvMessage.reply(KvMessage.Type.OK);
                case DELETE:
                    return KvMessage.reply(store.remove(request.key()) == null
                            ? KvMessage.Type.NOT_FOUND : KvMessage.Type.OK);
                default:
                    throw new IllegalArgumentException("not a request: " + request.type());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.out.println("closing " + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            ctx.close();
        }
    }

    private final EventLoopGroup loops;
    private final Channel server;

    private KvServer(EventLoopGroup loops, Channel server) {
        this.loops = loops;
        this.server = server;
    }

    /** Starts the server as the options say and returns once it listens. */
    public static KvServer start(ExampleOptions options) throws InterruptedException {
        EventLoopGroup loops = NioEventLoopGroup.create(options.ioThreads());
        KvHandler handler = new KvHandler();
        try {
            Channel server = ServerBootstrap.create()
                    .group(loops)
                    .channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("codec", new KvCodec()).addLast("kv", handler);
                        }
                    })
                    .bind(options.host(), options.port(7008)).sync().channel();
            return new KvServer(loops, server);
        } catch (Throwable t) { // could not bind: stop the threads before giving up
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
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
    }

    @Override
    public void awaitClose() throws InterruptedException {
        server.closeFuture().await();
    }
}
