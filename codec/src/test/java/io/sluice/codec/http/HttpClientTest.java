package io.sluice.codec.http;

import static io.sluice.codec.http.HttpKit.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.Future;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client side: request encoder, response decoder and the connection handler, over EmbeddedChannel. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpClientTest {

    private static EmbeddedChannel client(long timeoutSeconds) {
        EmbeddedChannel ch = new EmbeddedChannel();
        HttpClientCodec.addTo(ch.pipeline());
        ch.pipeline().addLast("client", new HttpClientConnection(TimeUnit.SECONDS.toNanos(timeoutSeconds), 1 << 16));
        return ch;
    }

    /** Moves what {@code from} wrote into {@code to}, as one read. */
    private static void shuttle(EmbeddedChannel from, EmbeddedChannel to) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = from.readOutbound()) != null; ) {
            out.add(o);
        }
        if (!out.isEmpty() && to.isOpen()) {
            to.writeInbound(out.toArray());
        } else {
            out.forEach(io.sluice.buffer.ReferenceCounting::release);
        }
    }

    private static String body(Future<FullHttpResponse> f) {
        FullHttpResponse r = f.getNow();
        try {
            return r.status().code() + " " + HttpKit.text(r.content());
        } finally {
            r.release();
        }
    }

    @Test
    void pipelinedRoundTripsAgainstTheServerPipeline() {
        EmbeddedChannel client = client(10);
        EmbeddedChannel server = HttpKit.server(1 << 16, new HttpKit.Responder());
        HttpClientConnection c = HttpClientConnection.of(client);
        Future<FullHttpResponse> a = c.send(FullHttpRequest.of(host(HttpRequest.of(HttpMethod.GET, "/a")), buffer("")));
        Future<FullHttpResponse> b = c.send(FullHttpRequest.of(host(HttpRequest.of(HttpMethod.POST, "/b")),
                buffer("x".repeat(5000))));
        Future<FullHttpResponse> head = c.send(FullHttpRequest.of(host(HttpRequest.of(HttpMethod.HEAD, "/h")), buffer("")));
        Future<FullHttpResponse> d = c.send(FullHttpRequest.of(host(HttpRequest.of(HttpMethod.GET, "/d")), buffer("")));
        shuttle(client, server);
        shuttle(server, client);
        assertEquals("200 ok GET /a", body(a));
        assertEquals("200 ok POST /b " + "x".repeat(5000), body(b));
        assertEquals("200 ", body(head));
        assertEquals("200 ok GET /d", body(d));
        assertTrue(client.isOpen());
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    private static HttpRequest host(HttpRequest r) {
        r.headers().add(HttpHeaderNames.HOST, "h");
        return r;
    }

    @Test
    void responseDecoderHandlesChunkedUntilCloseAndInterimResponses() {
        String wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 404\r\nContent-Length: 2\r\n\r\nnoHTTP/1.0 200 OK\r\n\r\nuntil close";
        byte[] bytes = HttpKit.ascii(wire);
        for (int[] split : HttpKit.splits(bytes.length, 3)) {
            EmbeddedChannel ch = client(10);
            HttpClientConnection c = HttpClientConnection.of(ch);
            List<Future<FullHttpResponse>> f = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                f.add(c.send(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/" + i), buffer(""))));
            }
            HttpKit.written(ch);
            HttpKit.feed(ch, bytes, split, 1);
            ch.close();
            ch.runPendingTasks(); // the end of input comes with channelInactive
            assertEquals("200 abc", body(f.get(0)));
            assertEquals("204 ", body(f.get(1)));
            FullHttpResponse notFound = f.get(2).getNow();
            assertEquals(404, notFound.status().code());
            assertEquals("", notFound.status().reasonPhrase()); // as sent: none
            assertEquals("no", HttpKit.text(notFound.content()));
            notFound.release();
            assertEquals("200 until close", body(f.get(3)));
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void timeoutFailsEveryWaitingRequestAndCloses() {
        EmbeddedChannel ch = client(5);
        HttpClientConnection c = HttpClientConnection.of(ch);
        Future<FullHttpResponse> a = c.send(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/a"), buffer("")));
        ch.advanceTimeBy(3, TimeUnit.SECONDS);
        Future<FullHttpResponse> b = c.send(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/b"), buffer("")));
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        assertTrue(a.cause() instanceof TimeoutException, String.valueOf(a.cause()));
        assertTrue(b.cause() instanceof TimeoutException);
        assertFalse(ch.isOpen());
        Future<FullHttpResponse> late = c.send(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/c"), buffer("")));
        assertTrue(late.cause() instanceof ClosedChannelException);
        ch.finishAndReleaseAll();
    }

    @Test
    void connectionCloseFromTheServerFailsLaterRequests() {
        EmbeddedChannel ch = client(10);
        HttpClientConnection c = HttpClientConnection.of(ch);
        Future<FullHttpResponse> a = c.send(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/a"), buffer("")));
        Future<FullHttpResponse> b = c.send(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/b"), buffer("")));
        HttpKit.written(ch);
        ch.writeInbound(buffer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nz"));
        assertEquals("200 z", body(a));
        assertTrue(b.cause() instanceof ClosedChannelException);
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void badResponseAndTooLargeContentFailTheRequest() {
        EmbeddedChannel ch = client(10);
        Future<FullHttpResponse> a = HttpClientConnection.of(ch).send(
                FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/a"), buffer("")));
        ch.writeInbound(buffer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        assertTrue(a.cause() instanceof HttpDecoderException, String.valueOf(a.cause()));
        ch.finishAndReleaseAll();
        EmbeddedChannel big = client(10);
        Future<FullHttpResponse> b = HttpClientConnection.of(big).send(
                FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/a"), buffer("")));
        Buffer content = buffer("HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n" + "y".repeat(70000));
        big.writeInbound(content);
        assertTrue(b.cause() instanceof HttpDecoderException);
        assertEquals(413, ((HttpDecoderException) b.cause()).status().code());
        big.finishAndReleaseAll();
    }

    @Test
    void requestEncoderWritesTheRequestLineAndRefusesABadTarget() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestEncoder());
        HttpRequest r = HttpRequest.of(HttpMethod.POST, "/p?q=1");
        r.headers().add(HttpHeaderNames.HOST, "h");
        ch.writeOutbound(FullHttpRequest.of(r, buffer("")), HttpRequest.of(HttpMethod.PUT, "/s"),
                HttpContent.last(buffer("abc")));
        assertEquals("POST /p?q=1 HTTP/1.1\r\nhost: h\r\ncontent-length: 0\r\n\r\n"
                + "PUT /s HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", HttpKit.written(ch));
        assertTrue(ch.writeOneOutbound(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/a b"), buffer("")))
                .cause() instanceof io.sluice.codec.EncoderException);
        assertTrue(ch.writeOneOutbound(FullHttpRequest.of(HttpRequest.of(HttpMethod.GET, "/a\r\nX: y"), buffer("")))
                .cause() instanceof io.sluice.codec.EncoderException);
        ch.finishAndReleaseAll();
    }
}
