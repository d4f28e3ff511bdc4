package io.sluice.codec.http;

import static io.sluice.codec.http.HttpKit.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests from RFC 9110/9112 and the request-smuggling advisories (Netty's
 * CVE-2019-16869, CVE-2019-20444/20445, CVE-2021-43797, CVE-2025-58056 and their kin). Each comes
 * after a valid request and before another: the first is answered 200, the bad one gets its 4xx or
 * 5xx, the connection closes, and the request after it is never seen. Fed whole, byte by byte and
 * in random splits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedRequestCorpusTest {
    private static final String FIRST = "GET /first HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final String AFTER = "GET /after HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final String H = "Host: h\r\n";

    static Stream<Arguments> corpus() {
        List<Arguments> c = new ArrayList<>();
        // framing: Content-Length and Transfer-Encoding
        c.add(of(400, "CL and TE together", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE and CL together", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "CL list", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1, 2\r\n\r\nab"));
        c.add(of(400, "CL conflicting (CVE-2019-20445)", "POST / HTTP/1.1\r\n" + H + "Content-Length: 0\r\nContent-Length: 1\r\n\r\na"));
        c.add(of(400, "CL repeated", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1\r\nContent-Length: 1\r\n\r\na"));
        c.add(of(400, "CL signed", "POST / HTTP/1.1\r\n" + H + "Content-Length: +1\r\n\r\na"));
        c.add(of(400, "CL negative", "POST / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n"));
        c.add(of(400, "CL not a number", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1a\r\n\r\na"));
        c.add(of(400, "CL empty", "POST / HTTP/1.1\r\n" + H + "Content-Length:\r\n\r\n"));
        c.add(of(400, "CL overflow", "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999\r\n\r\n"));
        c.add(of(400, "CL with inner space", "POST / HTTP/1.1\r\n" + H + "Content-Length: 1 2\r\n\r\n"));
        c.add(of(501, "TE gzip then chunked", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE chunked not last", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE chunked twice", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        c.add(of(501, "TE unknown", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE empty", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding:\r\n\r\n"));
        c.add(of(400, "TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE with space before colon (CVE-2019-16869)", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE with VT in value", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding:\u000bchunked\r\n\r\n0\r\n\r\n"));
        c.add(of(400, "TE name with a control (CVE-2021-43797)", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding\u0001: chunked\r\n\r\n0\r\n\r\n"));
        // chunks
        c.add(of(400, "chunk size not hex", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"));
        c.add(of(400, "chunk size with 0x", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "chunk size negative", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "chunk size overflow", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff1\r\n"));
        c.add(of(400, "chunk size empty", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "chunk size then junk", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "chunk data without CRLF", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n"));
        c.add(of(400, "chunk data with bare LF (CVE-2019-20444 kin)", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n"));
        c.add(of(400, "chunk size line bare LF", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "chunk extension with bare LF (CVE-2025-58056)", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5;a\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "chunk extension with a control", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5;a\u0000b\r\nhello\r\n0\r\n\r\n"));
        c.add(of(400, "last chunk with bare LF", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0\n\r\n"));
        c.add(of(431, "trailers too large", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: " + "t".repeat(9000) + "\r\n\r\n"));
        c.add(of(400, "trailer folded", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n"));
        // the request line
        c.add(of(400, "method not a token", "G@T / HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "method with tab", "GET\t/ HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "empty method", " / HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "two spaces", "GET  / HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "trailing space", "GET / HTTP/1.1 \r\n" + H + "\r\n"));
        c.add(of(400, "target with a control", "GET /a\u0001b HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "target not ASCII", "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "no version (HTTP/0.9)", "GET /\r\n\r\n"));
        c.add(of(400, "version lower case", "GET / http/1.1\r\n" + H + "\r\n"));
        c.add(of(400, "version malformed", "GET / HTTP/1.1.1\r\n" + H + "\r\n"));
        c.add(of(505, "version 2.0", "GET / HTTP/2.0\r\n" + H + "\r\n"));
        c.add(of(505, "version 1.2", "GET / HTTP/1.2\r\n" + H + "\r\n"));
        c.add(of(505, "version 0.9", "GET / HTTP/0.9\r\n" + H + "\r\n"));
        c.add(of(400, "request line bare LF", "GET / HTTP/1.1\n" + H + "\r\n"));
        c.add(of(400, "request line with CR inside", "GET /\r HTTP/1.1\r\n" + H + "\r\n"));
        c.add(of(414, "request line too long", "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n" + H + "\r\n"));
        // header fields
        c.add(of(400, "Host missing in 1.1", "GET / HTTP/1.1\r\n\r\n"));
        c.add(of(400, "Host repeated", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        c.add(of(400, "Host repeated in 1.0", "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\nConnection: keep-alive\r\n\r\n"));
        c.add(of(400, "space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n"));
        c.add(of(400, "tab before colon", "GET / HTTP/1.1\r\n" + H + "X-A\t: v\r\n\r\n"));
        c.add(of(400, "obsolete line folding", "GET / HTTP/1.1\r\n" + H + "X-A: a\r\n b\r\n\r\n"));
        c.add(of(400, "folding with tab", "GET / HTTP/1.1\r\n" + H + "X-A: a\r\n\tb\r\n\r\n"));
        c.add(of(400, "first header line folded", "GET / HTTP/1.1\r\n Host: h\r\n\r\n"));
        c.add(of(400, "CR inside a value", "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n"));
        c.add(of(400, "NUL inside a value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u0000b\r\n\r\n"));
        c.add(of(400, "DEL inside a value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u007fb\r\n\r\n"));
        c.add(of(400, "ESC in a long value", "GET / HTTP/1.1\r\n" + H + "X-A: abcdefghijklmnop\u001bqrstuvwxyz\r\n\r\n"));
        c.add(of(400, "bare LF between headers", "GET / HTTP/1.1\r\n" + H + "X-A: a\nX-B: b\r\n\r\n"));
        c.add(of(400, "bare LF ending the head", "GET / HTTP/1.1\r\n" + H + "\n"));
        c.add(of(400, "header without colon", "GET / HTTP/1.1\r\n" + H + "X-A\r\n\r\n"));
        c.add(of(400, "empty header name", "GET / HTTP/1.1\r\n" + H + ": v\r\n\r\n"));
        c.add(of(400, "header name not a token", "GET / HTTP/1.1\r\n" + H + "X(A): v\r\n\r\n"));
        c.add(of(400, "header name not ASCII", "GET / HTTP/1.1\r\n" + H + "X-\u00e9: v\r\n\r\n"));
        c.add(of(431, "header section too large", "GET / HTTP/1.1\r\n" + H + "X-A: " + "v".repeat(9000) + "\r\n\r\n"));
        c.add(of(431, "many headers", "GET / HTTP/1.1\r\n" + H + "X-A: vvvvvvvvvv\r\n".repeat(600) + "\r\n"));
        return c.stream();
    }

    private static Arguments of(int status, String name, String request) {
        return Arguments.of(name, status, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answeredWithStatusThenClosed(String name, int status, String request) {
        byte[] input = ascii(FIRST + request + AFTER);
        for (int[] split : HttpKit.splits(input.length, name.hashCode())) {
            HttpKit.Responder app = new HttpKit.Responder();
            EmbeddedChannel ch = HttpKit.server(1 << 20, app);
            HttpKit.feed(ch, input, split, split.length);
            String wire = HttpKit.written(ch);
            String where = name + ", " + split.length + " chunks: " + wire;
            assertEquals(List.of(200, status), HttpKit.statuses(wire), where);
            assertTrue(wire.contains("connection: close"), where);
            assertFalse(ch.isOpen(), where);
            assertEquals(1, app.requests, where);
            ch.finishAndReleaseAll();
        }
    }
}
