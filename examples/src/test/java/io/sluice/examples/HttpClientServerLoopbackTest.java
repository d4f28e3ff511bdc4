package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpClientCodec;
import io.sluice.codec.http.HttpClientConnection;
import io.sluice.codec.http.HttpContent;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpMethod;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequest;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponse;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.HttpStatus;
import io.sluice.concurrent.Future;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import io.sluice.transport.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP client and server pipelines over real loopback sockets: keep-alive, pipelining, large
 * bodies both ways, chunked responses (the server streams /chunked) and chunked requests.
 */
@Timeout(60)
class HttpClientServerLoopbackTest {
    private EventLoopGroup loops;
    private Channel server;
    private Channel client;

    /** Echoes the request body; {@code /chunked} streams it back in 1000-byte pieces, chunked. */
    @ChannelHandler.Sharable
    static final class EchoBody implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            FullHttpRequest r = (FullHttpRequest) msg;
            if (r.path().equals("/chunked")) {
                ctx.write(HttpResponse.of(HttpStatus.OK));
                while (r.content().readableBytes() > 1000) {
                    ctx.write(HttpContent.of(r.content().readRetainedSlice(1000)));
                }
                ctx.writeAndFlush(HttpContent.last(r.content().readRetainedSlice(r.content().readableBytes())));
                r.release();
            } else {
                ctx.writeAndFlush(FullHttpResponse.of(HttpStatus.OK, r.content()));
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        loops = NioEventLoopGroup.create(2);
        EchoBody echo = new EchoBody();
        server = ServerBootstrap.create().group(loops).channel(NioServerSocketChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("decoder", new HttpRequestDecoder())
                                .addLast("encoder", new HttpResponseEncoder())
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("aggregator", new HttpObjectAggregator(4 << 20))
                                .addLast("echo", echo);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        client = Bootstrap.create().group(loops).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpClientCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast("client", new HttpClientConnection(TimeUnit.SECONDS.toNanos(20), 4 << 20));
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    @AfterEach
    void stop() {
        client.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static FullHttpRequest post(String target, byte[] body) {
        HttpRequest head = HttpRequest.of(HttpMethod.POST, target);
        head.headers().add(HttpHeaderNames.HOST, "127.0.0.1");
        return FullHttpRequest.of(head, Buffers.copyOf(body));
    }

    private static byte[] await(Future<FullHttpResponse> f) throws InterruptedException {
        assertTrue(f.await(30, TimeUnit.SECONDS), "no response in time");
        assertTrue(f.isSuccess(), String.valueOf(f.cause()));
        FullHttpResponse r = f.getNow();
        try {
            assertEquals(200, r.status().code());
            return Buffers.toByteArray(r.content());
        } finally {
            r.release();
        }
    }

    @Test
    void pipelinedLargeBodiesComeBackInOrderOnOneConnection() throws Exception {
        HttpClientConnection c = HttpClientConnection.of(client);
        Random rnd = new Random(11);
        List<byte[]> sent = new ArrayList<>();
        List<Future<FullHttpResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] body = new byte[i % 3 == 0 ? 300_000 : rnd.nextInt(5000)];
            rnd.nextBytes(body);
            sent.add(body);
            answers.add(c.send(post(i % 2 == 0 ? "/chunked" : "/whole", body)));
        }
        for (int i = 0; i < sent.size(); i++) {
            assertTrue(java.util.Arrays.equals(sent.get(i), await(answers.get(i))), "body " + i);
        }
        assertTrue(client.isActive(), "kept alive");
    }

    @Test
    void chunkedRequestIsAggregatedByTheServer() throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST /whole HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\nb\r\nchunk one, \r\n9\r\nchunk two\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String wire = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(wire.startsWith("HTTP/1.1 200 OK\r\n"), wire);
            assertTrue(wire.endsWith("\r\n\r\nchunk one, chunk two"), wire);
            assertTrue(wire.contains("content-length: 20\r\n"), wire);
        }
    }
}
