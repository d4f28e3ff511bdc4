package io.sluice.benchmarks.e2e;

import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpHeaderValues;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * The Sluice HTTP server of the end-to-end benchmark ({@code run-e2e.sh http}): one NIO event loop,
 * the http-hello pipeline (decoder, encoder, keep-alive, aggregator), and a handler answering
 * {@code /} and {@code /plaintext} with {@code Hello, World!} as text/plain (404 elsewhere). Each
 * response is written during the read and flushed once per read batch.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.SluiceHttpServer --port 0 [--seconds 600]</pre>
 */
public final class SluiceHttpServer {
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private SluiceHttpServer() {}

    @ChannelHandler.Sharable
    static final class HelloHandler implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            String path = request.path();
            request.release();
            boolean hello = path.equals("/") || path.equals("/plaintext");
            FullHttpResponse response = FullHttpResponse.of(hello ? HttpStatus.OK : HttpStatus.NOT_FOUND,
                    Buffers.wrap(hello ? HELLO : new byte[0]));
            response.headers().add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
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
        SluiceServers.serve(argv, p -> p.addLast("decoder", new HttpRequestDecoder())
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator())
                .addLast("hello", hello));
    }
}
