package io.sluice.examples;

import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPipeline;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpHeaderValues;
import io.sluice.codec.http.HttpMethod;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.HttpStatus;
import io.sluice.concurrent.EventExecutorGroup;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 hello world: {@code GET /plaintext} and {@code GET /} answer {@code Hello, World!} as
 * text/plain, {@code GET /json} a small JSON object, anything else 404 (405 for a method other than
 * GET and HEAD). Keep-alive, pipelining, HEAD, {@code Expect: 100-continue} and bad requests are
 * the codec's and {@link HttpServerKeepAliveHandler}'s work; the handler only picks the answer.
 */
public final class HttpHelloServer {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_ALLOWED = "Method Not Allowed\n".getBytes(StandardCharsets.US_ASCII);
    /** Largest request content accepted (a hello server needs none). */
    private static final int MAX_CONTENT_LENGTH = 64 * 1024;

    /** Answers each whole request; writes during the read, flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class HelloHandler implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            String path = request.path();
            HttpMethod method = request.method();
            request.release();
            FullHttpResponse response;
            if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
                response = answer(HttpStatus.METHOD_NOT_ALLOWED, HttpHeaderValues.TEXT_PLAIN, NOT_ALLOWED);
                response.headers().add(HttpHeaderNames.ALLOW, "GET, HEAD");
            } else {
                response = switch (path) {
                    case "/", "/plaintext" -> answer(HttpStatus.OK, HttpHeaderValues.TEXT_PLAIN, HELLO);
                    case "/json" -> answer(HttpStatus.OK, HttpHeaderValues.APPLICATION_JSON, JSON);
                    default -> answer(HttpStatus.NOT_FOUND, HttpHeaderValues.TEXT_PLAIN, NOT_FOUND);
                };
            }
            ctx.write(response, ctx.voidPromise());
        }

        private static FullHttpResponse answer(HttpStatus status, String type, byte[] body) {
            FullHttpResponse response = FullHttpResponse.of(status, Buffers.wrap(body)); // no copy: the encoder copies once
            response.headers().add(HttpHeaderNames.CONTENT_TYPE, type);
            return response;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken connection: close it, the server carries on
        }
    }

    private HttpHelloServer() {}

    /** Starts the server as the options say (port 8080 unless given) and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        HelloHandler hello = new HelloHandler();
        return RunningServer.start(options, 8080, (pipeline, workers) -> addHttp(pipeline, workers, hello));
    }

    /** Adds the HTTP/1.1 codec and {@code hello} (on {@code workers} if not null); {@code https-hello} puts TLS first. */
    static void addHttp(ChannelPipeline pipeline, EventExecutorGroup workers, HelloHandler hello) {
        pipeline.addLast("decoder", new HttpRequestDecoder())
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator(MAX_CONTENT_LENGTH))
                .addLast(workers, "hello", hello);
    }
}
