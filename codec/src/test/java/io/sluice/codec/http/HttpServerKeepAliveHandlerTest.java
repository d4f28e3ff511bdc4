package io.sluice.codec.http;

import static io.sluice.codec.http.HttpKit.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keep-alive, pipelining, Expect, HEAD, Date and the idle timeout, over EmbeddedChannel. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerKeepAliveHandlerTest {

    /** Holds requests and answers them when the test says: an application answering later, in order. */
    static final class Deferred implements ChannelHandler {
        final List<FullHttpRequest> pending = new ArrayList<>();
        ChannelHandlerContext ctx;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            this.ctx = ctx;
            pending.add((FullHttpRequest) msg);
        }

        void answerOldest(String text) {
            FullHttpRequest r = pending.remove(0);
            r.release();
            ctx.writeAndFlush(FullHttpResponse.of(HttpStatus.OK, buffer(text + " " + r.target())));
        }

        void releaseAll() {
            pending.forEach(FullHttpRequest::release);
            pending.clear();
        }
    }

    private EmbeddedChannel ch;

    @AfterEach
    void finish() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    private List<HttpKit.Parsed> exchange(String requests) {
        if (ch == null) {
            ch = HttpKit.server(1024, new HttpKit.Responder());
        }
        byte[] bytes = HttpKit.ascii(requests);
        HttpKit.feed(ch, bytes, io.sluice.codec.DecoderHarness.byteByByte(bytes.length), 1);
        return HttpKit.parse(HttpKit.written(ch));
    }

    @Test
    void http11StaysOpenAndEveryResponseHasADate() {
        List<HttpKit.Parsed> r = exchange("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(2, r.size());
        assertEquals("ok GET /a", r.get(0).body());
        assertEquals("ok GET /b", r.get(1).body());
        assertEquals("Fri, 02 Jan 2026 03:04:05 GMT", r.get(1).header("date"));
        assertNull(r.get(0).header("connection"));
        assertTrue(ch.isOpen());
    }

    @Test
    void http11ConnectionCloseClosesAfterTheResponseAndDropsWhatFollows() {
        List<HttpKit.Parsed> r = exchange("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(1, r.size());
        assertEquals("close", r.get(0).header("connection"));
        assertFalse(ch.isOpen());
    }

    @Test
    void contentOfTheClosingRequestIsStillRead() {
        List<HttpKit.Parsed> r = exchange("POST /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nhi\r\n0\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(1, r.size());
        assertEquals("ok POST /a hi", r.get(0).body());
        assertFalse(ch.isOpen());
    }

    @Test
    void http10ClosesByDefault() {
        List<HttpKit.Parsed> r = exchange("GET /a HTTP/1.0\r\n\r\n");
        assertEquals("close", r.get(0).header("connection"));
        assertFalse(ch.isOpen());
    }

    @Test
    void http10KeepAliveIsHonouredAndEchoed() {
        List<HttpKit.Parsed> r = exchange("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assertEquals(2, r.size());
        assertEquals("keep-alive", r.get(1).header("connection"));
        assertTrue(ch.isOpen());
    }

    @Test
    void responseSayingCloseClosesTheConnection() {
        ch = HttpKit.server(1024, new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                io.sluice.buffer.ReferenceCounting.release(msg);
                FullHttpResponse r = FullHttpResponse.of(HttpStatus.OK, buffer("bye"));
                r.headers().add(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(r);
            }
        });
        List<HttpKit.Parsed> r = exchange("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(1, r.size());
        assertFalse(ch.isOpen());
    }

    @Test
    void http10StreamedResponseWithoutLengthEndsWithTheConnection() {
        ch = HttpKit.server(1024, new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                io.sluice.buffer.ReferenceCounting.release(msg);
                ctx.write(HttpResponse.of(HttpStatus.OK));
                ctx.writeAndFlush(HttpContent.last(buffer("streamed")));
            }
        });
        String wire = sendRaw("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertTrue(wire.startsWith("HTTP/1.0 200 OK\r\n"), wire);
        assertTrue(wire.contains("connection: close\r\n") && !wire.contains("chunked"), wire);
        assertTrue(wire.endsWith("\r\n\r\nstreamed"), wire);
        assertFalse(ch.isOpen());
    }

    private String sendRaw(String requests) {
        ch.writeInbound(buffer(requests));
        return HttpKit.written(ch);
    }

    @Test
    void pipelinedResponsesKeepRequestOrderAndReadsPauseAtTheLimit() {
        Deferred app = new Deferred();
        ch = HttpKit.server(1024, app); // at most 4 in flight
        StringBuilder five = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            five.append("GET /").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        ch.writeInbound(buffer(five.toString()));
        assertEquals(5, app.pending.size());
        assertFalse(ch.config().isAutoRead());
        app.answerOldest("r");
        assertFalse(ch.config().isAutoRead()); // 4 unanswered: still at the limit
        app.answerOldest("r");
        assertTrue(ch.config().isAutoRead());
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        assertEquals(List.of("r /1", "r /2"), List.of(r.get(0).body(), r.get(1).body()));
        app.releaseAll();
    }

    @Test
    void aResponseWrittenEarlyIsHeldUntilTheEarlierOnesAreSent() {
        ChannelHandlerContext[] slowCtx = new ChannelHandlerContext[1];
        ch = HttpKit.server(1024, new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                FullHttpRequest r = (FullHttpRequest) msg;
                String target = r.target();
                r.release();
                if (target.equals("/slow")) {
                    slowCtx[0] = ctx; // answered later
                } else {
                    ctx.writeAndFlush(FullHttpResponse.of(HttpStatus.OK, buffer("fast")));
                }
            }
        });
        String wire = sendRaw("GET /slow HTTP/1.1\r\nHost: h\r\n\r\nGET /fast HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("", wire);
        slowCtx[0].writeAndFlush(FullHttpResponse.of(HttpStatus.OK, buffer("slow")));
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        assertEquals(List.of("slow", "fast"), List.of(r.get(0).body(), r.get(1).body()));
    }

    @Test
    void headAnswersCarryNoContent() {
        HttpKit.headOnly = true;
        try {
            String wire = sendRawWithServer("HEAD /a HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(wire.endsWith("content-length: 10\r\n\r\n"), wire);
        } finally {
            HttpKit.headOnly = false;
        }
    }

    private String sendRawWithServer(String requests) {
        ch = HttpKit.server(1024, new HttpKit.Responder());
        return sendRaw(requests);
    }

    @Test
    void expectContinueGetsA100ThenTheAnswer() {
        String wire = sendRawWithServer("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", wire);
        List<HttpKit.Parsed> r = HttpKit.parse(sendRaw("hi"));
        assertEquals("ok POST /a hi", r.get(0).body());
    }

    @Test
    void expectContinueWaitsForItsTurn() {
        Deferred app = new Deferred();
        ch = HttpKit.server(1024, app);
        String wire = sendRaw("GET /first HTTP/1.1\r\nHost: h\r\n\r\nPOST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        assertEquals("", wire);
        app.answerOldest("one");
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        assertEquals(List.of(200, 100), List.of(r.get(0).status(), r.get(1).status()));
        app.releaseAll();
    }

    @Test
    void tooLargeExpectingRequestGets417AndNo100() {
        String wire = sendRawWithServer("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
        assertEquals(List.of(417), HttpKit.statuses(wire));
        assertFalse(ch.isOpen());
    }

    @Test
    void tooLargeRequestGets413AndIsNotReadFurther() {
        String wire = sendRawWithServer("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(100));
        assertEquals(List.of(413), HttpKit.statuses(wire));
        assertFalse(ch.isOpen());
    }

    @Test
    void chunkedContentGrowingPastTheLimitGets413() {
        String chunk = Integer.toHexString(600) + "\r\n" + "x".repeat(600) + "\r\n";
        String wire = sendRawWithServer("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk);
        assertEquals(List.of(413), HttpKit.statuses(wire));
        assertFalse(ch.isOpen());
    }

    @Test
    void chunkedRequestIsAggregated() {
        List<HttpKit.Parsed> r = HttpKit.parse(sendRawWithServer(
                "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
        assertEquals("ok POST /a abcde", r.get(0).body());
        assertTrue(ch.isOpen());
    }

    @Test
    void idleConnectionClosesAfterTheTimeoutOnlyWhenNothingIsInProgress() {
        Deferred app = new Deferred();
        ch = HttpKit.server(1024, app); // 5 s idle timeout
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        sendRaw("GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        ch.advanceTimeBy(10, TimeUnit.SECONDS);
        assertTrue(ch.isOpen(), "a request in progress keeps it open");
        app.answerOldest("late");
        HttpKit.written(ch);
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        assertFalse(ch.isOpen());
    }
}
