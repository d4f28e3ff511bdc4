package io.sluice.examples;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.SimpleChannelInboundHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key-value server speaking the length-prefixed binary protocol of {@link KvMessage} through
 * {@link KvCodec}. Requests are answered in order, so a client may pipeline them. A malformed or
 * oversized frame closes that one connection; everyone else carries on.
 */
public final class KvServer {

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

    private KvServer() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        KvHandler handler = new KvHandler();
        return RunningServer.start(options, 7008, (pipeline, workers) -> pipeline
                .addLast("codec", new KvCodec())   // new per connection: it holds partial input
                .addLast(workers, "kv", handler));
    }
}
