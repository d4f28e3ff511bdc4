package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the content of whole requests sent with {@code Content-Encoding: gzip} or
 * {@code deflate}, never past {@code maxContentLength} bytes: a request that inflates beyond it (a
 * decompression bomb) is answered 413 and the connection closes after the answer; no more than
 * {@code maxContentLength + 1} bytes are ever inflated. Corrupt data is answered 400, another
 * coding 415. The request passed on has the plain content, no {@code Content-Encoding} and the new
 * {@code Content-Length}.
 *
 * <p>Place after {@link HttpObjectAggregator} (it reads {@link FullHttpRequest}s), behind
 * {@link HttpServerKeepAliveHandler}, which sends its answers in order. One instance per
 * connection, on its event loop.
 */
public final class HttpContentDecompressor implements ChannelHandler {
    private final int maxContentLength;

    /** A decompressor bounded by {@link HttpObjectAggregator#DEFAULT_MAX_CONTENT_LENGTH} (1 MiB). */
    public HttpContentDecompressor() {
        this(HttpObjectAggregator.DEFAULT_MAX_CONTENT_LENGTH);
    }

    /** A decompressor that inflates at most {@code maxContentLength} bytes per request. */
    public HttpContentDecompressor(int maxContentLength) {
        if (maxContentLength < 0) {
            throw new IllegalArgumentException("maxContentLength: " + maxContentLength + " (expected: >= 0)");
        }
        this.maxContentLength = maxContentLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String coding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (coding == null || coding.strip().equalsIgnoreCase(HttpHeaderValues.IDENTITY)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String c = coding.strip().toLowerCase(java.util.Locale.ROOT);
        boolean gzip = c.equals(HttpHeaderValues.GZIP) || c.equals("x-gzip");
        if (!gzip && !c.equals(HttpHeaderValues.DEFLATE)) {
            refuse(ctx, request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding: " + coding
                    + " (expected: gzip, deflate or identity)");
            return;
        }
        Buffer plain;
        try {
            plain = inflate(ctx, request.content(), gzip);
        } catch (DataFormatException | IllegalArgumentException e) {
            refuse(ctx, request, HttpStatus.BAD_REQUEST, "content: not valid " + c + " data (" + e.getMessage() + ")");
            return;
        }
        if (plain == null) {
            refuse(ctx, request, HttpStatus.CONTENT_TOO_LARGE, "decompressed content: more than " + maxContentLength
                    + " bytes (expected: at most " + maxContentLength + ")");
            return;
        }
        request.release();
        HttpHeaders h = request.headers();
        h.remove(HttpHeaderNames.CONTENT_ENCODING);
        h.set(HttpHeaderNames.CONTENT_LENGTH, plain.readableBytes());
        ctx.fireChannelRead(new FullHttpRequest(request.head(), plain, request.trailers()));
    }

    /** The inflated content, or null past the limit; {@code in} is left as it is. */
    private Buffer inflate(ChannelHandlerContext ctx, Buffer in, boolean gzip) throws DataFormatException {
        byte[] input = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), input);
        int offset = gzip ? gzipHeaderLength(input) : 0;
        Inflater inflater = new Inflater(gzip); // gzip: raw deflate after the header; deflate: zlib
        Buffer out = ctx.alloc().buffer(Math.min(maxContentLength + 1, Math.max(64, input.length * 4)));
        try {
            inflater.setInput(input, offset, input.length - offset);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk, 0, Math.min(chunk.length, maxContentLength + 1 - out.readableBytes()));
                if (n == 0) {
                    if (out.readableBytes() > maxContentLength) {
                        out.release();
                        return null;
                    }
                    if (inflater.needsInput() || inflater.needsDictionary()) {
                        throw new DataFormatException("compressed content: truncated (expected: a complete stream)");
                    }
                }
                out.writeBytes(chunk, 0, n);
                if (out.readableBytes() > maxContentLength) {
                    out.release();
                    return null;
                }
            }
            return out;
        } catch (DataFormatException | RuntimeException e) {
            out.release();
            throw e;
        } finally {
            inflater.end();
        }
    }

    /** The length of a gzip member's header (RFC 1952), checking its magic and method. */
    private static int gzipHeaderLength(byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            throw new IllegalArgumentException("gzip header: missing (expected: 1f 8b 08 ...)");
        }
        int flags = b[3] & 0xff;
        int at = 10;
        if ((flags & 4) != 0) { // FEXTRA
            if (at + 2 > b.length) {
                throw new IllegalArgumentException("gzip header: more than " + at + " bytes (expected: at most the "
                        + b.length + " bytes of content)");
            }
            at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
        }
        for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & bit) != 0) {
                while (at < b.length && b[at] != 0) {
                    at++;
                }
                at++;
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            at += 2;
        }
        if (at > b.length) {
            throw new IllegalArgumentException("gzip header: " + at + " bytes (expected: at most the " + b.length
                    + " bytes of content)");
        }
        return at;
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, HttpStatus status, String why) {
        request.release();
        HttpObjectAggregator.answerAndClose(ctx, status, why);
    }
}
