package io.sluice.codec.http;

import io.sluice.buffer.Buffer;

/**
 * Decodes requests (the server side): emits an {@link HttpRequest} followed by its content as
 * {@link HttpContent} pieces (the last one flagged), or one {@link FullHttpRequest} for a request
 * without content. Content pieces are slices of the input (no copy), at most
 * {@code maxChunkSize} bytes each.
 *
 * <p>Strict by default, following RFC 9110/9112 and the request-smuggling advisories. Refused with
 * 400: a malformed request line (method not a token, not exactly one space between parts, a target
 * with a control, space or non-ASCII byte), {@code Content-Length} together with
 * {@code Transfer-Encoding}, a repeated, listed or non-numeric {@code Content-Length}, a
 * {@code Transfer-Encoding} in HTTP/1.0 or whose last coding is not {@code chunked}, {@code chunked}
 * twice, a missing or repeated {@code Host} in HTTP/1.1 (repeated in 1.0), and every rule of
 * {@link HttpObjectDecoder} (bare LF, whitespace before a colon, folding, control characters, bad
 * chunk sizes). Other statuses: 414 for a request line longer than {@code maxInitialLineLength},
 * 431 for a header section larger than {@code maxHeaderSize}, 501 for a transfer coding other than
 * chunked, 505 for a version other than 1.0 and 1.1.
 *
 * <p>Bad input fires one {@link HttpDecoderException} (with the status to answer) after the
 * requests decoded before it, then drops every later byte; {@link HttpServerKeepAliveHandler}
 * answers it and closes the connection. Runs on the channel's event loop; one instance per
 * connection.
 */
public final class HttpRequestDecoder extends HttpObjectDecoder {

    /** A decoder with the default limits: 4 KiB request line, 8 KiB headers, 8 KiB content pieces. */
    public HttpRequestDecoder() {
        this(DEFAULT_MAX_INITIAL_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_CHUNK_SIZE);
    }

    /**
     * A decoder with the given limits.
     *
     * @param maxInitialLineLength the longest request line, without CRLF (longer: 414)
     * @param maxHeaderSize the largest header section, line ends included (larger: 431)
     * @param maxChunkSize the most content bytes per emitted {@link HttpContent}
     */
    public HttpRequestDecoder(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
        super(maxInitialLineLength, maxHeaderSize, maxChunkSize);
    }

    @Override
    HttpMessage startLine(Buffer in, int from, int to) {
        int sp1 = in.indexOf(from, to, (byte) ' ');
        if (sp1 < 0) {
            throw bad("request line: " + text(in, from, to) + " (expected: method SP target SP version)");
        }
        if (sp1 == from || HttpChars.nonTokenByte(in, from, sp1) >= 0) {
            throw bad("method: " + text(in, from, sp1) + " (expected: a token)");
        }
        int sp2 = in.indexOf(sp1 + 1, to, (byte) ' ');
        if (sp2 < 0) {
            throw bad("request line: " + text(in, from, to) + " (expected: method SP target SP version)");
        }
        if (sp2 == sp1 + 1) {
            throw bad("request target: empty (expected: one space between method, target and version)");
        }
        int badTarget = HttpChars.nonTargetByte(in, sp1 + 1, sp2);
        if (badTarget >= 0) {
            throw bad("request target: " + HttpChars.show(in.getByte(badTarget)) + " in "
                    + text(in, sp1 + 1, sp2) + " (expected: visible ASCII)");
        }
        HttpVersion version = version(in, sp2 + 1, to);
        return new HttpRequest(method(in, from, sp1), string(in, sp1 + 1, sp2 - sp1 - 1), version,
                HttpHeaders.create());
    }

    private HttpMethod method(Buffer in, int from, int to) {
        int length = to - from;
        next:
        for (HttpMethod m : HttpMethod.STANDARD) {
            String name = m.name();
            if (name.length() != length) {
                continue;
            }
            for (int i = 0; i < length; i++) {
                if (in.getByte(from + i) != name.charAt(i)) {
                    continue next;
                }
            }
            return m;
        }
        return new HttpMethod(string(in, from, length));
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT; only 1.0 and 1.1 are spoken. */
    static HttpVersion version(Buffer in, int from, int to) {
        if (to - from != 8 || in.getByte(from) != 'H' || in.getByte(from + 1) != 'T' || in.getByte(from + 2) != 'T'
                || in.getByte(from + 3) != 'P' || in.getByte(from + 4) != '/' || !isDigit(in.getByte(from + 5))
                || in.getByte(from + 6) != '.' || !isDigit(in.getByte(from + 7))) {
            throw bad("version: " + text(in, from, to) + " (expected: HTTP/1.1 or HTTP/1.0)");
        }
        int major = in.getByte(from + 5) - '0';
        int minor = in.getByte(from + 7) - '0';
        if (major == 1 && minor == 1) {
            return HttpVersion.HTTP_1_1;
        }
        if (major == 1 && minor == 0) {
            return HttpVersion.HTTP_1_0;
        }
        throw new HttpDecoderException(HttpStatus.HTTP_VERSION_NOT_SUPPORTED,
                "version: HTTP/" + major + "." + minor + " (expected: HTTP/1.1 or HTTP/1.0)");
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    @Override
    HttpDecoderException startLineTooLong(int max) {
        return new HttpDecoderException(HttpStatus.URI_TOO_LONG,
                "request line: more than " + max + " bytes (expected: at most " + max + ")");
    }

    @Override
    long contentLength(HttpMessage head) {
        HttpHeaders headers = head.headers();
        int hosts = headers.count(HttpHeaderNames.HOST);
        if (hosts > 1 || hosts == 0 && head.version() == HttpVersion.HTTP_1_1) {
            throw bad("Host: " + hosts + " fields (expected: exactly one in HTTP/1.1, at most one in HTTP/1.0)");
        }
        return framing(headers, head.version() == HttpVersion.HTTP_1_0);
    }

    /**
     * The framing of a message by its headers: -1 for chunked, else the Content-Length (0 without
     * one), after the checks against smuggling.
     */
    static long framing(HttpHeaders headers, boolean http10) {
        int te = headers.indexOf(HttpHeaderNames.TRANSFER_ENCODING, 0);
        int cl = headers.indexOf(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (te >= 0) {
            if (cl >= 0) {
                throw bad("Content-Length: present with Transfer-Encoding (expected: one of them)");
            }
            if (http10) {
                throw bad("Transfer-Encoding: in HTTP/1.0 (expected: Content-Length)");
            }
            checkChunkedLast(headers);
            return -1;
        }
        if (cl < 0) {
            return 0;
        }
        if (headers.indexOf(HttpHeaderNames.CONTENT_LENGTH, cl + 1) >= 0) {
            throw bad("Content-Length: repeated (expected: one field)");
        }
        return parseLength(headers.valueAt(cl));
    }

    /** Transfer codings: chunked, once, last; another coding is not implemented here (501). */
    private static void checkChunkedLast(HttpHeaders headers) {
        boolean chunked = false;
        for (int i = headers.indexOf(HttpHeaderNames.TRANSFER_ENCODING, 0); i >= 0;
                i = headers.indexOf(HttpHeaderNames.TRANSFER_ENCODING, i + 1)) {
            String list = headers.valueAt(i);
            int start = 0;
            int n = list.length();
            while (start <= n) {
                int comma = list.indexOf(',', start);
                int end = comma < 0 ? n : comma;
                String coding = list.substring(start, end).strip();
                if (!coding.isEmpty()) {
                    if (chunked) {
                        throw bad("Transfer-Encoding: " + coding + " after chunked (expected: chunked last, once)");
                    }
                    if (!coding.equalsIgnoreCase(HttpHeaderValues.CHUNKED)) {
                        throw new HttpDecoderException(HttpStatus.NOT_IMPLEMENTED,
                                "Transfer-Encoding: " + coding + " (expected: chunked)");
                    }
                    chunked = true;
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        if (!chunked) {
            throw bad("Transfer-Encoding: empty (expected: chunked)");
        }
    }

    /** 1*DIGIT, no sign, no list, no overflow. */
    static long parseLength(String value) {
        int n = value.length();
        if (n == 0 || n > 18) {
            throw bad("Content-Length: \"" + value + "\" (expected: 1 to 18 digits)");
        }
        long length = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("Content-Length: \"" + value + "\" (expected: digits only)");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    @Override
    HttpObject withoutContent(HttpMessage head, Buffer empty) {
        return FullHttpRequest.of((HttpRequest) head, empty);
    }
}
