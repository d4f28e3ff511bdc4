package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses whole responses ({@link FullHttpResponse}) with gzip or deflate (zlib) when the
 * request's {@code Accept-Encoding} allows it (gzip preferred; a coding with {@code q=0} is never
 * used), the content is at least {@code minLength} bytes, its type is text-like (text/*, JSON,
 * JavaScript, XML, SVG) and it has no {@code Content-Encoding} yet. Adds {@code Content-Encoding}
 * and {@code Vary: accept-encoding}; the encoder then sets the new length. Streamed responses
 * (a head and pieces) pass unchanged. JDK {@link Deflater}, one per response, ended at once.
 *
 * <p>Place between {@link HttpResponseEncoder} and {@link HttpServerKeepAliveHandler}: it notes
 * each request's {@code Accept-Encoding} on the way in and sees the responses in request order on
 * the way out. One instance per connection, on its event loop; the compressed response owns a new
 * buffer and the original content is released.
 */
public final class HttpContentCompressor implements ChannelHandler {
    /** Default smallest content compressed, in bytes: below it the gain does not pay the CPU. */
    public static final int DEFAULT_MIN_LENGTH = 256;

    private final int level;
    private final int minLength;
    /** The coding chosen for each unanswered request, in order ("" for none). */
    private final ArrayDeque<String> codings = new ArrayDeque<>();

    /** A compressor at the default level (6) for content of at least {@value #DEFAULT_MIN_LENGTH} bytes. */
    public HttpContentCompressor() {
        this(6, DEFAULT_MIN_LENGTH);
    }

    /**
     * A compressor.
     *
     * @param level the deflate level, 1 (fast) to 9 (small)
     * @param minLength the smallest content compressed, in bytes
     */
    public HttpContentCompressor(int level, int minLength) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("level: " + level + " (expected: 1 to 9)");
        }
        if (minLength < 0) {
            throw new IllegalArgumentException("minLength: " + minLength + " (expected: >= 0)");
        }
        this.level = level;
        this.minLength = minLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        HttpRequest request = msg instanceof FullHttpRequest f ? f.head() : msg instanceof HttpRequest r ? r : null;
        if (request != null) {
            codings.add(choose(request.headers().getAll(HttpHeaderNames.ACCEPT_ENCODING)));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        HttpResponse head = msg instanceof FullHttpResponse f ? f.head() : msg instanceof HttpResponse r ? r : null;
        if (head == null || head.status().isInformational() && head.status().code() != 101) {
            ctx.write(msg, promise); // content pieces, interim responses, other messages
            return;
        }
        String coding = codings.isEmpty() ? "" : codings.poll();
        if (msg instanceof FullHttpResponse full && !coding.isEmpty() && compressible(full)) {
            ctx.write(compress(ctx, full, coding), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private boolean compressible(FullHttpResponse r) {
        HttpHeaders h = r.headers();
        if (r.status().forbidsContent() || r.content().readableBytes() < minLength
                || h.contains(HttpHeaderNames.CONTENT_ENCODING) || h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return false;
        }
        String type = h.get(HttpHeaderNames.CONTENT_TYPE, "");
        return type.regionMatches(true, 0, "text/", 0, 5) || containsIgnoreCase(type, "json")
                || containsIgnoreCase(type, "javascript") || containsIgnoreCase(type, "xml");
    }

    private static boolean containsIgnoreCase(String s, String part) {
        for (int i = 0; i + part.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    private FullHttpResponse compress(ChannelHandlerContext ctx, FullHttpResponse r, String coding) {
        boolean gzip = coding.equals(HttpHeaderValues.GZIP);
        Buffer in = r.content();
        byte[] input = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), input);
        Deflater deflater = new Deflater(level, gzip);
        Buffer out = ctx.alloc().buffer(Math.max(64, input.length / 2));
        try {
            if (gzip) { // RFC 1952: magic, deflate, no flags, no time, no extra flags, unknown OS
                out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            }
            deflater.setInput(input);
            deflater.finish();
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.writeBytes(chunk, 0, n);
            }
            if (gzip) {
                CRC32 crc = new CRC32();
                crc.update(input);
                out.writeIntLE((int) crc.getValue()).writeIntLE(input.length);
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            deflater.end();
        }
        in.release();
        HttpHeaders h = r.headers();
        h.remove(HttpHeaderNames.CONTENT_LENGTH);
        h.add(HttpHeaderNames.CONTENT_ENCODING, coding);
        if (!h.containsToken(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING)) {
            h.add(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        }
        return new FullHttpResponse(r.head(), out, r.trailers());
    }

    /** gzip or deflate as {@code Accept-Encoding} allows (RFC 9110, 12.5.3), gzip first; "" for neither. */
    static String choose(java.util.List<String> acceptEncoding) {
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String header : acceptEncoding) {
            for (String element : header.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip();
                    if (p.startsWith("q=") || p.startsWith("Q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0; // a weight we cannot read: do not use the coding
                        }
                    }
                }
                switch (coding) {
                    case "gzip", "x-gzip" -> gzip = q;
                    case "deflate" -> deflate = q;
                    case "*" -> any = q;
                    default -> { }
                }
            }
        }
        if (gzip < 0) {
            gzip = any;
        }
        if (deflate < 0) {
            deflate = any;
        }
        if (gzip > 0 && gzip >= deflate) {
            return HttpHeaderValues.GZIP;
        }
        return deflate > 0 ? HttpHeaderValues.DEFLATE : "";
    }
}
