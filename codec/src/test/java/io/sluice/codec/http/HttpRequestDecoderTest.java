package io.sluice.codec.http;

import static io.sluice.codec.http.HttpKit.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Valid requests decode to the same messages however the bytes are split. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpRequestDecoderTest {

    private static void assertDecodes(String input, String... expected) {
        byte[] bytes = ascii(input);
        List<String> want = List.of(expected);
        for (int[] split : HttpKit.splits(bytes.length, input.hashCode())) {
            assertEquals(want, HttpKit.decode(bytes, split, split.length), "split into " + split.length + " chunks");
        }
    }

    @Test
    void getWithoutContentIsOneFullRequest() {
        assertDecodes("GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n",
                "GET /index.html?q=1 HTTP/1.1 HttpHeaders[host: example.com, accept: */*] full body=");
    }

    @Test
    void contentLengthBodyArrivesAsPiecesEndingInLast() {
        assertDecodes("POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world",
                "POST /form HTTP/1.1 HttpHeaders[host: h, content-length: 11]", "body=hello world end");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() {
        assertDecodes("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n",
                "POST /up HTTP/1.1 HttpHeaders[host: h, transfer-encoding: chunked]",
                "body=hello world end trailers=HttpHeaders[X-Sum: 42]");
    }

    @Test
    void pipelinedRequestsDecodeInOrder() {
        assertDecodes("GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nokGET /c HTTP/1.0\r\n\r\n",
                "GET /a HTTP/1.1 HttpHeaders[host: h] full body=",
                "POST /b HTTP/1.1 HttpHeaders[host: h, content-length: 2]", "body=ok end",
                "GET /c HTTP/1.0 HttpHeaders[] full body=");
    }

    @Test
    void headerValuesAreTrimmedAndMayHoldTabsAndObsText() {
        assertDecodes("GET / HTTP/1.1\r\nHost:h\r\nX-A: \t a\tb \t\r\nX-B: caf\u00e9\r\nX-Empty:\r\n\r\n",
                "GET / HTTP/1.1 HttpHeaders[host: h, X-A: a\tb, X-B: caf\u00e9, X-Empty: ] full body=");
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkipped() {
        assertDecodes("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", "GET / HTTP/1.1 HttpHeaders[host: h] full body=");
    }

    @Test
    void otherTargetFormsAndMethods() {
        assertDecodes("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\nCONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                        + "PURGE http://h/x HTTP/1.1\r\nHost: h\r\n\r\n",
                "OPTIONS * HTTP/1.1 HttpHeaders[host: h] full body=",
                "CONNECT example.com:443 HTTP/1.1 HttpHeaders[host: example.com:443] full body=",
                "PURGE http://h/x HTTP/1.1 HttpHeaders[host: h] full body=");
    }

    @Test
    void knownNamesAndMethodsAreTheConstants() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestDecoder());
        Buffer in = ch.alloc().directBuffer(64).writeBytes(ascii("GET / HTTP/1.1\r\nHOST: h\r\ncontent-TYPE: t\r\n\r\n"));
        ch.writeInbound(in);
        FullHttpRequest r = ch.readInbound();
        try {
            assertSame(HttpMethod.GET, r.method());
            assertSame(HttpHeaderNames.HOST, r.headers().nameAt(0));
            assertSame(HttpHeaderNames.CONTENT_TYPE, r.headers().nameAt(1));
            assertEquals("t", r.headers().get("Content-Type"));
        } finally {
            r.release();
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void largeContentComesInPiecesOfAtMostMaxChunkSize() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestDecoder(4096, 8192, 1000));
        byte[] body = new byte[5000];
        ch.writeInbound(Buffers.copyOf(ascii("PUT /f HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\n\r\n")),
                Buffers.copyOf(body));
        assertTrue(ch.readInbound() instanceof HttpRequest);
        int pieces = 0;
        int total = 0;
        for (Object o; (o = ch.readInbound()) != null; ) {
            HttpContent c = (HttpContent) o;
            assertTrue(c.content().readableBytes() <= 1000);
            total += c.content().readableBytes();
            pieces++;
            c.release();
        }
        assertEquals(5000, total);
        assertEquals(5, pieces);
        ch.finishAndReleaseAll();
    }

    @Test
    void limitsAreExactBoundaries() {
        String target = "/" + "a".repeat(4096 - "GET  HTTP/1.1".length() - 1);
        String line = "GET " + target + " HTTP/1.1";
        assertEquals(4096, line.length());
        List<String> ok = HttpKit.decode(ascii(line + "\r\nHost: h\r\n\r\n"), new int[] {line.length() + 13}, 1);
        assertEquals(1, ok.size(), ok.toString());
        List<String> tooLong = HttpKit.decode(ascii("GET " + target + "a HTTP/1.1\r\nHost: h\r\n\r\n"),
                new int[] {line.length() + 14}, 1);
        assertTrue(tooLong.get(0).startsWith("error 414 request line: more than 4096 bytes"), tooLong.toString());
        // headers: 8192 bytes including every CRLF and the final empty line
        String fixed = "Host: h\r\nX: ";
        String filler = "v".repeat(8192 - fixed.length() - 4);
        List<String> fits = HttpKit.decode(ascii("GET / HTTP/1.1\r\n" + fixed + filler + "\r\n\r\n"),
                new int[] {16 + 8192}, 1);
        assertTrue(fits.get(0).startsWith("GET / HTTP/1.1"), fits.toString());
        List<String> over = HttpKit.decode(ascii("GET / HTTP/1.1\r\n" + fixed + filler + "v\r\n\r\n"),
                new int[] {16 + 8193}, 1);
        assertTrue(over.get(0).startsWith("error 431 header section: more than 8192 bytes"), over.toString());
    }
}
