package io.sluice.benchmarks.e2e;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.resp.BulkString;
import io.sluice.codec.resp.RespAggregate;
import io.sluice.codec.resp.RespDecoder;
import io.sluice.codec.resp.RespEncoder;
import io.sluice.codec.resp.RespError;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.RespNull;
import io.sluice.codec.resp.SimpleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sluice RESP server of the end-to-end benchmark: one NIO event loop, {@link RespDecoder} for
 * requests (arrays and inline commands), {@link RespEncoder}, and a handler answering PING, ECHO,
 * SET, GET and CONFIG GET from a {@link RespStore}; replies are flushed once per read batch.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.SluiceRespServer --port 0 [--seconds 600]</pre>
 */
public final class SluiceRespServer {
    private SluiceRespServer() {}

    /** Answers one connection's commands. */
    static final class CommandHandler implements ChannelHandler {
        private final RespStore store;

        CommandHandler(RespStore store) {
            this.store = store;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof RespAggregate)) {
                ReferenceCounting.release(msg);
                return;
            }
            RespAggregate request = (RespAggregate) msg;
            try {
                ctx.write(answer(request));
            } finally {
                request.release();
            }
        }

        private RespMessage answer(RespAggregate request) {
            Buffer name = ((BulkString) request.get(0)).content();
            int n = request.size();
            if (is(name, "GET") && n == 2) {
                byte[] value = store.get(bytes(request, 1));
                return value == null ? RespNull.BULK_STRING : BulkString.of(value);
            } else if (is(name, "SET") && n == 3) {
                store.set(bytes(request, 1), bytes(request, 2));
                return SimpleString.OK;
            } else if (is(name, "PING") && n == 1) {
                return SimpleString.PONG;
            } else if (is(name, "ECHO") && n == 2) {
                return BulkString.of(bytes(request, 1));
            } else if (is(name, "CONFIG") && n >= 3) {
                List<RespMessage> pairs = new ArrayList<>();
                for (int i = 2; i < n; i++) {
                    String key = ((BulkString) request.get(i)).toString(StandardCharsets.US_ASCII);
                    String value = RespStore.config(key);
                    if (value != null) {
                        pairs.add(BulkString.of(key));
                        pairs.add(BulkString.of(value));
                    }
                }
                return RespAggregate.array(pairs);
            }
            return RespError.of("ERR unknown command '" + name.toString(StandardCharsets.US_ASCII) + "'");
        }

        private static byte[] bytes(RespAggregate request, int i) {
            return ((BulkString) request.get(i)).toByteArray();
        }

        /** Whether {@code name} is {@code upper}, ignoring ASCII case. */
        private static boolean is(Buffer name, String upper) {
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

    public static void main(String[] argv) throws Exception {
        RespStore store = new RespStore();
        RespEncoder encoder = RespEncoder.create();
        SluiceServers.serve(argv, p -> p.addLast(RespDecoder.forRequests()).addLast(encoder)
                .addLast(new CommandHandler(store)));
    }
}
