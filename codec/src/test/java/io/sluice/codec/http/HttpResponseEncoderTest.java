package io.sluice.codec.http;

import static io.sluice.codec.http.HttpKit.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.EncoderException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpResponseEncoderTest {

    @Test
    void wholeSmallResponseIsOneBufferWithContentLength() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        FullHttpResponse r = FullHttpResponse.of(HttpStatus.OK, buffer("Hello, World!"));
        r.headers().add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        ch.writeOutbound(r);
        assertEquals(1, ch.outboundMessages().size());
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 13\r\n\r\nHello, World!",
                HttpKit.written(ch));
        assertEquals(0, r.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void largeContentIsWrittenAsItIsAfterTheHead() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        String big = "x".repeat(HttpObjectEncoder.COPY_THRESHOLD + 1);
        ch.writeOutbound(FullHttpResponse.of(HttpStatus.OK, buffer(big)));
        assertEquals(2, ch.outboundMessages().size());
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: " + big.length() + "\r\n\r\n" + big, HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void streamedHeadWithoutLengthIsChunkedWithTrailers() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        HttpHeaders trailers = HttpHeaders.create().add("x-sum", "9");
        String big = "y".repeat(3000);
        ch.writeOutbound(HttpResponse.of(HttpStatus.OK), HttpContent.of(buffer("hello")), HttpContent.of(buffer(big)),
                HttpContent.of(buffer("")), new HttpContent(buffer("!"), true, trailers));
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\nbb8\r\n" + big
                + "\r\n1\r\n!\r\n0\r\nx-sum: 9\r\n\r\n", HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void streamedHeadWithLengthPassesContentThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        HttpResponse head = HttpResponse.of(HttpStatus.OK);
        head.headers().add(HttpHeaderNames.CONTENT_LENGTH, 5);
        ch.writeOutbound(head, HttpContent.of(buffer("hel")), HttpContent.last(buffer("lo")));
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello", HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void wholeChunkedResponseCarriesOneChunkAndTrailers() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        HttpResponse head = HttpResponse.of(HttpStatus.OK);
        head.headers().add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ch.writeOutbound(new FullHttpResponse(head, buffer("abc"), HttpHeaders.create().add("t", "1")));
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nt: 1\r\n\r\n",
                HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void noContentAndNotModifiedNeverCarryContentNorGetALength() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        ch.writeOutbound(FullHttpResponse.of(HttpStatus.NO_CONTENT, buffer("")),
                FullHttpResponse.of(HttpStatus.NOT_MODIFIED, buffer("ignored")));
        assertEquals("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n", HttpKit.written(ch));
        ch.writeOutbound(HttpResponse.of(HttpStatus.NO_CONTENT), HttpContent.last(buffer("dropped")));
        assertEquals("HTTP/1.1 204 No Content\r\n\r\n", HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void headResponseKeepsTheLengthAndDropsTheContent() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        ch.writeOutbound(HttpResponseEncoder.HEAD_RESPONSE_NEXT, FullHttpResponse.of(HttpStatus.OK, buffer("hello")),
                FullHttpResponse.of(HttpStatus.OK, buffer("hi")));
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi",
                HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void interimResponseLeavesTheHeadFlagForTheFinalOne() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        ch.writeOutbound(HttpResponseEncoder.HEAD_RESPONSE_NEXT, FullHttpResponse.of(HttpStatus.CONTINUE, buffer("")),
                FullHttpResponse.of(HttpStatus.OK, buffer("hello")));
        assertEquals("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n", HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void http10ResponseWithoutLengthRunsUntilClose() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        ch.writeOutbound(new HttpResponse(HttpVersion.HTTP_1_0, HttpStatus.OK, HttpHeaders.create()),
                HttpContent.last(buffer("raw")));
        assertEquals("HTTP/1.0 200 OK\r\n\r\nraw", HttpKit.written(ch));
        ch.finish();
    }

    @Test
    void refusesLineBreaksAndNulInHeadsAndReleasesTheMessage() {
        String[][] bad = {{"x-a", "a\r\nInjected: yes"}, {"x-a", "a\nb"}, {"x-a", "a\u0000b"}, {"x a", "v"},
            {"x:a", "v"}, {"", "v"}, {"x-a", "caf\u0101"}};
        for (String[] field : bad) {
            EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
            FullHttpResponse r = FullHttpResponse.of(HttpStatus.OK, buffer("body"));
            r.headers().add(field[0], field[1]);
            ChannelFuture f = ch.writeOneOutbound(r);
            ch.flush();
            assertTrue(f.isDone() && f.cause() instanceof EncoderException, field[0] + ": " + f.cause());
            assertEquals(0, r.refCnt());
            assertTrue(ch.outboundMessages().isEmpty());
            ch.finish();
        }
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        ChannelFuture f = ch.writeOneOutbound(FullHttpResponse.of(new HttpStatus(299, "Fine\r\nX: y"), buffer("")));
        assertTrue(f.cause() instanceof EncoderException, String.valueOf(f.cause()));
        ch.finish();
    }

    @Test
    void refusesAContentLengthThatDoesNotMatch() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        FullHttpResponse r = FullHttpResponse.of(HttpStatus.OK, buffer("four"));
        r.headers().add(HttpHeaderNames.CONTENT_LENGTH, 5);
        ChannelFuture f = ch.writeOneOutbound(r);
        assertTrue(f.cause() instanceof EncoderException);
        assertTrue(f.cause().getMessage().startsWith("Content-Length: 5 (expected: 4"), f.cause().getMessage());
        ch.finish();
    }

    @Test
    void contentWithoutAHeadIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        Buffer b = buffer("x");
        ChannelFuture f = ch.writeOneOutbound(HttpContent.last(b));
        assertTrue(f.cause() instanceof EncoderException);
        assertEquals(0, b.refCnt());
        assertThrows(EncoderException.class, () -> {
            throw (EncoderException) f.cause();
        });
        ch.finish();
    }
}
