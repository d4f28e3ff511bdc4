package io.sluice.benchmarks.e2e;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The same HTTP server on Netty 4.2 NIO: one event loop, {@code HttpServerCodec},
 * {@code HttpServerKeepAliveHandler}, {@code HttpServerExpectContinueHandler} and
 * {@code HttpObjectAggregator} (1 MiB), and a handler answering the same bytes as
 * {@link SluiceHttpServer}: status line, {@code content-type}, {@code date} (rendered once per
 * second, as Sluice does), {@code content-length}, {@code Hello, World!}. Written during the read,
 * flushed once per read batch; the pooled allocator ({@code --allocator adaptive} for 4.2's default).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.NettyHttpServer --port 0 [--seconds 600] [--allocator pooled|adaptive]</pre>
 */
public final class NettyHttpServer {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private NettyHttpServer() {}

    /** The Date header of the current second; event-loop confined (one loop). */
    static final class DateCache {
        private long second = Long.MIN_VALUE;
        private AsciiString text;

        AsciiString now() {
            long s = System.currentTimeMillis() / 1000;
            if (s != second) {
                second = s;
                text = new AsciiString(IMF_FIXDATE.format(java.time.Instant.ofEpochSecond(s)));
            }
            return text;
        }
    }

    @ChannelHandler.Sharable
    static final class HelloHandler extends ChannelInboundHandlerAdapter {
        private final DateCache date = new DateCache();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            String uri = request.uri();
            request.release();
            boolean hello = uri.equals("/") || uri.equals("/plaintext");
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    hello ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                    hello ? Unpooled.wrappedBuffer(SluiceHttpServer.HELLO) : Unpooled.EMPTY_BUFFER);
            response.headers()
                    .add(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                    .add(HttpHeaderNames.DATE, date.now())
                    .add(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.write(response, ctx.voidPromise());
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
        HelloHandler hello = new HelloHandler();
        NettyServers.serve(argv, p -> p.addLast("codec", new HttpServerCodec())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("expect", new HttpServerExpectContinueHandler())
                .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                .addLast("hello", hello));
    }
}
