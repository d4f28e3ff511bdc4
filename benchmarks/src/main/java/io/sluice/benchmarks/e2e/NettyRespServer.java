package io.sluice.benchmarks.e2e;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The same RESP server on Netty 4.2 NIO with Netty's own Redis codec: {@link RedisDecoder} (inline
 * commands on), {@link RedisBulkStringAggregator}, {@link RedisArrayAggregator}, {@link RedisEncoder},
 * and a handler answering PING, ECHO, SET, GET and CONFIG GET from a {@link RespStore}, flushing
 * once per read batch; one event loop, TCP_NODELAY, the pooled allocator unless
 * {@code --allocator adaptive}.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.NettyRespServer --port 0 [--seconds 600] [--allocator pooled|adaptive]</pre>
 */
public final class NettyRespServer {
    private static final RedisMessage OK = FixedRedisMessagePool.INSTANCE.getSimpleString("OK");
    private static final RedisMessage PONG = FixedRedisMessagePool.INSTANCE.getSimpleString("PONG");

    private NettyRespServer() {}

    /** Answers one connection's commands. */
    static final class CommandHandler extends ChannelInboundHandlerAdapter {
        private final RespStore store;

        CommandHandler(RespStore store) {
            this.store = store;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ArrayRedisMessage) {
                    ctx.write(answer(((ArrayRedisMessage) msg).children()));
                } else if (msg instanceof InlineCommandRedisMessage) {
                    List<RedisMessage> args = new ArrayList<>();
                    for (String word : ((InlineCommandRedisMessage) msg).content().trim().split("\\s+")) {
                        args.add(new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(word.getBytes(StandardCharsets.UTF_8))));
                    }
                    ctx.write(answer(args));
                    args.forEach(ReferenceCountUtil::release);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private RedisMessage answer(List<RedisMessage> request) {
            ByteBuf name = ((FullBulkStringRedisMessage) request.get(0)).content();
            int n = request.size();
            if (is(name, "GET") && n == 2) {
                byte[] value = store.get(bytes(request, 1));
                return value == null ? FullBulkStringRedisMessage.NULL_INSTANCE
                        : new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(value));
            } else if (is(name, "SET") && n == 3) {
                store.set(bytes(request, 1), bytes(request, 2));
                return OK;
            } else if (is(name, "PING") && n == 1) {
                return PONG;
            } else if (is(name, "ECHO") && n == 2) {
                return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(bytes(request, 1)));
            } else if (is(name, "CONFIG") && n >= 3) {
                List<RedisMessage> pairs = new ArrayList<>();
                for (int i = 2; i < n; i++) {
                    String key = ((FullBulkStringRedisMessage) request.get(i)).content().toString(StandardCharsets.US_ASCII);
                    String value = RespStore.config(key);
                    if (value != null) {
                        pairs.add(new FullBulkStringRedisMessage(Unpooled.copiedBuffer(key, StandardCharsets.US_ASCII)));
                        pairs.add(new FullBulkStringRedisMessage(Unpooled.copiedBuffer(value, StandardCharsets.US_ASCII)));
                    }
                }
                return new ArrayRedisMessage(pairs);
            }
            return new ErrorRedisMessage("ERR unknown command '" + name.toString(StandardCharsets.US_ASCII) + "'");
        }

        private static byte[] bytes(List<RedisMessage> request, int i) {
            return ByteBufUtil.getBytes(((FullBulkStringRedisMessage) request.get(i)).content());
        }

        private static boolean is(ByteBuf name, String upper) {
            int length = upper.length();
            if (name.readableBytes() != length) {
                return false;
            }
            int at = name.readerIndex();
            for (int i = 0; i < length; i++) {
                if ((name.getByte(at + i) & 0xdf) != upper.charAt(i)) {
                    return false;
                }
            }
            return true;
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

    @SuppressWarnings("deprecation") // the no-limit aggregator: what most Netty users still run
    public static void main(String[] argv) throws Exception {
        RespStore store = new RespStore();
        NettyServers.serve(argv, p -> p.addLast(new RedisDecoder(true), new RedisBulkStringAggregator(),
                new RedisArrayAggregator(), new RedisEncoder(), new CommandHandler(store)));
    }
}
