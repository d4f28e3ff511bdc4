package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What request and response decoding share: the start line (left to the subclass), header fields,
 * and content framed by {@code Content-Length} or chunked transfer coding, with trailers.
 *
 * <p>Parsing is strict (RFC 9112): every line ends in CRLF (a bare LF is refused), header names are
 * tokens followed directly by the colon, values hold no control character but HTAB, obsolete line
 * folding is refused, chunk sizes are hex digits that do not overflow. Lines are found with
 * {@link Buffer#indexOf}, eight bytes at a time, and bytes already searched are not searched again
 * when more arrive. Per header, only the value string is allocated (and the name when it is not one
 * of the {@link HttpHeaderNames}).
 *
 * <p>Bad input: one {@link HttpDecoderException} is fired to {@code exceptionCaught}, in order after
 * the messages decoded before it; every later byte is released unread. The connection is left open
 * for whoever answers (the server's keep-alive handler answers with the exception's status and
 * closes).
 */
abstract class HttpObjectDecoder extends ByteToMessageDecoder {
    /** Default longest start line, in bytes without its CRLF. */
    static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 4096;
    /** Default largest header section (or trailer section), in bytes with line ends. */
    static final int DEFAULT_MAX_HEADER_SIZE = 8192;
    /** Default most content bytes in one emitted {@link HttpContent}. */
    static final int DEFAULT_MAX_CHUNK_SIZE = 8192;
    /** Longest chunk-size line (with extensions) accepted. */
    private static final int MAX_CHUNK_LINE = 1024;
    private static final byte[] NO_BYTES = {};

    private enum State { START, HEADERS, FIXED_CONTENT, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, FAILED }

    final int maxInitialLineLength;
    final int maxHeaderSize;
    private final int maxChunkSize;

    private State state = State.START;
    /** Bytes after the reader index known to hold no LF. */
    private int searched;
    /** Header (or trailer) bytes of the current section so far. */
    private int sectionBytes;
    /** The head being decoded, set by the subclass's start line. */
    private HttpMessage head;
    private HttpHeaders trailers;
    /** Content bytes left in the current fixed body or chunk. */
    private long remaining;
    /** The content runs until the connection ends (a response without a length). */
    private boolean untilClose;
    /** Scratch for turning bytes of a direct buffer into a string with one allocation. */
    private byte[] scratch;

    HttpObjectDecoder(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
        this.maxInitialLineLength = positive(maxInitialLineLength, "maxInitialLineLength");
        this.maxHeaderSize = positive(maxHeaderSize, "maxHeaderSize");
        this.maxChunkSize = positive(maxChunkSize, "maxChunkSize");
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /**
     * Parses the start line {@code [from, to)} (CRLF excluded) and returns a head with empty
     * headers to fill.
     *
     * @throws HttpDecoderException if the line is malformed
     */
    abstract HttpMessage startLine(Buffer in, int from, int to);

    /** Thrown when no LF came within the start line limit (414 for a request). */
    abstract HttpDecoderException startLineTooLong(int length);

    /**
     * Checks the complete head and returns its content length: -1 for chunked, -2 for content
     * delimited by the end of the connection (responses only), else the length.
     *
     * @throws HttpDecoderException if the head's framing is invalid
     */
    abstract long contentLength(HttpMessage head);

    /** Returns the message for a head without content (its content empty). */
    abstract HttpObject withoutContent(HttpMessage head, Buffer empty);

    @Override
    protected final void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        try {
            decodeOne(in, out);
        } catch (HttpDecoderException e) {
            state = State.FAILED;
            head = null;
            trailers = null;
            in.skipBytes(in.readableBytes());
            ctx.fireExceptionCaught(e);
        }
    }

    /** Decodes one step (a line, a piece of content); emits at most one message, as its last act. */
    private void decodeOne(Buffer in, List<Object> out) {
        switch (state) {
            case START -> {
                int to = lineEnd(in, maxInitialLineLength, true);
                if (to < 0) {
                    return;
                }
                int from = in.readerIndex();
                if (to == from) { // an empty line before the request line: allowed (RFC 9112, 2.2)
                    in.readerIndex(to + 2);
                    return;
                }
                head = startLine(in, from, to);
                in.readerIndex(to + 2);
                sectionBytes = 0;
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (headerLine(in, head.headers())) {
                    endOfHead(out);
                }
            }
            case FIXED_CONTENT -> {
                int n = (int) Math.min(Math.min(remaining, in.readableBytes()), maxChunkSize);
                if (n == 0) {
                    return;
                }
                remaining -= n;
                boolean last = remaining == 0;
                if (last) {
                    state = State.START;
                }
                out.add(new HttpContent(readFrame(in, n), last, HttpHeaders.empty()));
            }
            case CHUNK_SIZE -> chunkSize(in);
            case CHUNK_DATA -> {
                int n = (int) Math.min(Math.min(remaining, in.readableBytes()), maxChunkSize);
                if (n == 0) {
                    return;
                }
                remaining -= n;
                if (remaining == 0) {
                    state = State.CHUNK_END;
                }
                out.add(HttpContent.of(readFrame(in, n)));
            }
            case CHUNK_END -> {
                if (in.readableBytes() < 2) {
                    return;
                }
                int at = in.readerIndex();
                if (in.getByte(at) != '\r' || in.getByte(at + 1) != '\n') {
                    throw bad("chunk end: " + HttpChars.show(in.getByte(at)) + " (expected: CRLF after the chunk data)");
                }
                in.readerIndex(at + 2);
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (trailers == null) {
                    trailers = HttpHeaders.create();
                }
                if (headerLine(in, trailers)) {
                    HttpHeaders t = trailers.isEmpty() ? HttpHeaders.empty() : trailers;
                    trailers = null;
                    state = State.START;
                    out.add(new HttpContent(Buffers.wrap(NO_BYTES), true, t));
                }
            }
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    private void endOfHead(List<Object> out) {
        HttpMessage h = head;
        head = null;
        long length = contentLength(h);
        if (length == -1) {
            state = State.CHUNK_SIZE;
            sectionBytes = 0;
            out.add(h);
        } else if (length == 0) {
            state = State.START;
            out.add(withoutContent(h, Buffers.wrap(NO_BYTES)));
        } else {
            untilClose = length < 0;
            remaining = untilClose ? Long.MAX_VALUE : length;
            state = State.FIXED_CONTENT;
            out.add(h);
        }
    }

    /**
     * Reads one header (or trailer) line into {@code headers}.
     *
     * @return true at the empty line that ends the section
     */
    private boolean headerLine(Buffer in, HttpHeaders headers) {
        int left = maxHeaderSize - sectionBytes - 2; // room for this line, leaving its CRLF out
        if (left < 0) {
            throw tooLarge();
        }
        int to = lineEnd(in, left, false);
        if (to < 0) {
            return false;
        }
        int from = in.readerIndex();
        sectionBytes += to + 2 - from;
        in.readerIndex(to + 2);
        if (to == from) {
            return true;
        }
        int first = in.getByte(from);
        if (HttpChars.isOws(first)) {
            throw bad("header line: starts with whitespace (expected: a field name; obsolete line folding is refused)");
        }
        int colon = in.indexOf(from, to, (byte) ':');
        if (colon < 0) {
            throw bad("header line: " + text(in, from, to) + " (expected: name:value)");
        }
        if (colon == from) {
            throw bad("header name: empty (expected: a token before ':')");
        }
        int badName = HttpChars.nonTokenByte(in, from, colon);
        if (badName >= 0) {
            int b = in.getByte(badName);
            throw bad(HttpChars.isOws(b) && badName == colon - 1
                    ? "header name: whitespace before ':' in " + text(in, from, colon) + " (expected: name:value)"
                    : "header name: " + HttpChars.show(b) + " in " + text(in, from, colon) + " (expected: a token)");
        }
        int vs = colon + 1;
        int ve = to;
        while (vs < ve && HttpChars.isOws(in.getByte(vs))) {
            vs++;
        }
        while (ve > vs && HttpChars.isOws(in.getByte(ve - 1))) {
            ve--;
        }
        int badValue = HttpChars.invalidValueByte(in, vs, ve);
        if (badValue >= 0) {
            throw bad("header value: " + HttpChars.show(in.getByte(badValue)) + " in field " + text(in, from, colon)
                    + " (expected: no control character but HTAB)");
        }
        String name = HttpHeaderNames.known(in, from, colon - from);
        headers.add(name != null ? name : string(in, from, colon - from), string(in, vs, ve - vs));
        return false;
    }

    private void chunkSize(Buffer in) {
        int to = lineEnd(in, MAX_CHUNK_LINE, false);
        if (to < 0) {
            return;
        }
        int from = in.readerIndex();
        long size = 0;
        int i = from;
        for (; i < to; i++) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                break;
            }
            if (size > (Long.MAX_VALUE >>> 4)) {
                throw bad("chunk size: " + text(in, from, to) + " (expected: at most " + Long.MAX_VALUE + ")");
            }
            size = size << 4 | digit;
        }
        if (i == from) {
            throw bad("chunk size: " + text(in, from, to) + " (expected: hex digits)");
        }
        if (i < to) { // chunk extensions: BWS ";" ...; their bytes must be valid field-value bytes
            int j = i;
            while (j < to && HttpChars.isOws(in.getByte(j))) {
                j++;
            }
            if (j == to || in.getByte(j) != ';' || HttpChars.invalidValueByte(in, j, to) >= 0) {
                throw bad("chunk size line: " + text(in, from, to) + " (expected: hex digits, then ;extensions)");
            }
        }
        in.readerIndex(to + 2);
        if (size == 0) {
            sectionBytes = 0;
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    /**
     * Finds the end of the line at the reader index: the index of its CR (the line is
     * {@code [readerIndex, result)}, followed by CRLF), or -1 when more input is needed.
     *
     * @throws HttpDecoderException for a bare LF or a line longer than {@code max}
     */
    private int lineEnd(Buffer in, int max, boolean startLine) {
        int from = in.readerIndex();
        int end = in.writerIndex();
        int limit = (int) Math.min(end, (long) from + max + 2); // the line, its CR and its LF
        int lf = in.indexOf(from + searched, limit, (byte) '\n');
        if (lf < 0) {
            searched = limit - from;
            if (limit - from >= max + 2) {
                searched = 0;
                throw startLine ? startLineTooLong(max) : tooLarge();
            }
            return -1;
        }
        searched = 0;
        if (lf == from || in.getByte(lf - 1) != '\r') {
            throw bad("line end: bare LF (expected: CRLF)");
        }
        return lf - 1;
    }

    private HttpDecoderException tooLarge() {
        if (state == State.CHUNK_SIZE) {
            return bad("chunk size line: longer than " + MAX_CHUNK_LINE + " bytes (expected: at most "
                    + MAX_CHUNK_LINE + ")");
        }
        String what = state == State.TRAILERS ? "trailer section" : "header section";
        return new HttpDecoderException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                what + ": more than " + maxHeaderSize + " bytes (expected: at most " + maxHeaderSize + ")");
    }

    @Override
    protected final void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        if (state == State.FAILED || state == State.START && !in.isReadable()) {
            return;
        }
        if (state == State.FIXED_CONTENT && untilClose) {
            // content delimited by the end of the connection (a response without a length): it ends here
            state = State.START;
            out.add(new HttpContent(Buffers.wrap(NO_BYTES), true, HttpHeaders.empty()));
            return;
        }
        State at = state;
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(bad("input: ended in state " + at + " (expected: a complete message)"));
    }

    /** A 400 with {@code message}. */
    static HttpDecoderException bad(String message) {
        return new HttpDecoderException(HttpStatus.BAD_REQUEST, message);
    }

    /** The bytes {@code [from, from + length)} as a Latin-1 string, allocating only the string. */
    final String string(Buffer in, int from, int length) {
        if (length == 0) {
            return "";
        }
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + from, length, StandardCharsets.ISO_8859_1);
        }
        byte[] s = scratch;
        if (s == null || s.length < length) {
            s = new byte[Math.max(length, 128)];
            scratch = s;
        }
        in.getBytes(from, s, 0, length);
        return new String(s, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The bytes {@code [from, to)} quoted for an error message, shortened past 64 bytes. */
    static String text(Buffer in, int from, int to) {
        int n = Math.min(to - from, 64);
        StringBuilder sb = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            int b = in.getByte(from + i) & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.append(to - from > n ? "...\"" : "\"").toString();
    }
}
