package io.sluice.codec.http;

import static io.sluice.codec.http.HttpKit.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Response compression by Accept-Encoding and bounded request decompression. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpCompressionTest {
    private static final String TEXT = "Hello, compressible World! ".repeat(40);

    /** Answers with the request's (decompressed) content, or TEXT when it has none, as text/plain. */
    static final class Answer implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            FullHttpRequest r = (FullHttpRequest) msg;
            Buffer body = r.content().isReadable() ? r.content().retain() : buffer(TEXT);
            r.release();
            FullHttpResponse response = FullHttpResponse.of(HttpStatus.OK, body);
            response.headers().add(HttpHeaderNames.CONTENT_TYPE, r.path().equals("/bin") ? "image/png" : "text/plain");
            ctx.writeAndFlush(response);
        }
    }

    private static EmbeddedChannel server() {
        return new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(), new HttpContentCompressor(),
                new HttpServerKeepAliveHandler(4, TimeUnit.SECONDS.toNanos(5), HttpKit.FIXED_DATE),
                new HttpObjectAggregator(1 << 20), new HttpContentDecompressor(4096), new Answer());
    }

    /** The raw response bytes after the head. */
    private static byte[] rawBody(String wire) {
        return wire.substring(wire.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String get(String target, String acceptEncoding) {
        return "GET " + target + " HTTP/1.1\r\nHost: h\r\n" + (acceptEncoding == null ? "" : "Accept-Encoding: "
                + acceptEncoding + "\r\n") + "\r\n";
    }

    @Test
    void gzipWhenAccepted() throws IOException {
        EmbeddedChannel ch = server();
        ch.writeInbound(buffer(get("/", "deflate;q=0.5, gzip")));
        String wire = HttpKit.written(ch);
        assertTrue(wire.contains("content-encoding: gzip\r\n") && wire.contains("vary: accept-encoding\r\n"), wire);
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(rawBody(wire))).readAllBytes();
        assertEquals(TEXT, new String(plain, StandardCharsets.US_ASCII));
        ch.finishAndReleaseAll();
    }

    @Test
    void deflateWhenOnlyItIsAccepted() throws IOException {
        EmbeddedChannel ch = server();
        ch.writeInbound(buffer(get("/", "gzip;q=0, deflate")));
        String wire = HttpKit.written(ch);
        assertTrue(wire.contains("content-encoding: deflate\r\n"), wire);
        byte[] plain = new InflaterInputStream(new ByteArrayInputStream(rawBody(wire))).readAllBytes();
        assertEquals(TEXT, new String(plain, StandardCharsets.US_ASCII));
        ch.finishAndReleaseAll();
    }

    @Test
    void plainWhenNotAcceptedNotTextOrInOrderAcrossPipelinedRequests() {
        EmbeddedChannel ch = server();
        ch.writeInbound(buffer(get("/", null) + get("/", "identity") + get("/bin", "gzip") + get("/", "*;q=0")
                + get("/", "br, *")));
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        for (int i = 0; i < 4; i++) {
            assertNull(r.get(i).header("content-encoding"), "response " + i);
            assertEquals(TEXT, r.get(i).body());
        }
        assertEquals("gzip", r.get(4).header("content-encoding"));
        assertEquals("gzip", HttpContentCompressor.choose(List.of("x-gzip")));
        assertEquals("", HttpContentCompressor.choose(List.of("gzip;q=oops")));
        ch.finishAndReleaseAll();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static String post(String encoding, byte[] body) {
        return "POST / HTTP/1.1\r\nHost: h\r\nContent-Encoding: " + encoding + "\r\nContent-Length: " + body.length
                + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Test
    void gzipAndDeflateRequestsAreInflated() throws IOException {
        EmbeddedChannel ch = server();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(zlib)) {
            d.write("deflated body".getBytes(StandardCharsets.US_ASCII));
        }
        ch.writeInbound(buffer(post("gzip", gzip("gzipped body".getBytes(StandardCharsets.US_ASCII)))
                + post("deflate", zlib.toByteArray())));
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        assertEquals("gzipped body", r.get(0).body());
        assertEquals("deflated body", r.get(1).body());
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void decompressionBombIs413AndCloses() throws IOException {
        byte[] bomb = gzip(new byte[10 << 20]); // 10 MiB of zeros in about 10 KiB
        assertTrue(bomb.length < 64 * 1024);
        EmbeddedChannel ch = server();
        ch.writeInbound(Buffers.copyOf(post("gzip", bomb).getBytes(StandardCharsets.ISO_8859_1)));
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        assertEquals(413, r.get(0).status());
        assertTrue(r.get(0).body().contains("decompressed content: more than 4096 bytes"), r.get(0).body());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void corruptOrUnknownCodingIsRefused() throws IOException {
        EmbeddedChannel ch = server();
        byte[] truncated = gzip("some text that is long enough".getBytes(StandardCharsets.US_ASCII));
        ch.writeInbound(buffer(post("gzip", java.util.Arrays.copyOf(truncated, truncated.length - 12))));
        assertEquals(400, HttpKit.parse(HttpKit.written(ch)).get(0).status());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
        EmbeddedChannel other = server();
        other.writeInbound(buffer(post("br", new byte[] {1, 2, 3})));
        assertEquals(415, HttpKit.parse(HttpKit.written(other)).get(0).status());
        other.finishAndReleaseAll();
    }
}
