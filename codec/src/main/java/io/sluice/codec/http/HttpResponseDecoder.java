package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import java.util.ArrayDeque;

/**
 * Decodes responses (the client side): emits an {@link HttpResponse} followed by its content as
 * {@link HttpContent} pieces (the last one flagged), or one {@link FullHttpResponse} for a response
 * without content (1xx, 204, 304, an answer to HEAD, or a length of 0). Content without a length
 * or chunked coding runs until the connection ends. Strict like {@link HttpRequestDecoder}: bad
 * input fires one {@link HttpDecoderException} and drops every later byte. Made by
 * {@link HttpClientCodec}, which tells it which requests were HEAD; alone, it assumes none were.
 * One instance per connection, on its event loop.
 */
public final class HttpResponseDecoder extends HttpObjectDecoder {
    private final ArrayDeque<HttpMethod> sentMethods;

    /** A decoder with the default limits, used without a request encoder. */
    public HttpResponseDecoder() {
        this(null);
    }

    HttpResponseDecoder(ArrayDeque<HttpMethod> sentMethods) {
        super(DEFAULT_MAX_INITIAL_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_CHUNK_SIZE);
        this.sentMethods = sentMethods;
    }

    @Override
    HttpMessage startLine(Buffer in, int from, int to) {
        int sp1 = in.indexOf(from, to, (byte) ' ');
        if (sp1 < 0) {
            throw bad("status line: " + text(in, from, to) + " (expected: version SP code SP reason)");
        }
        HttpVersion version = HttpRequestDecoder.version(in, from, sp1);
        int codeEnd = sp1 + 4;
        if (codeEnd > to || codeEnd < to && in.getByte(codeEnd) != ' ') {
            throw bad("status line: " + text(in, from, to) + " (expected: a three-digit code)");
        }
        int code = 0;
        for (int i = sp1 + 1; i < codeEnd; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                throw bad("status code: " + text(in, sp1 + 1, codeEnd) + " (expected: three digits)");
            }
            code = code * 10 + d;
        }
        if (code < 100) {
            throw bad("status code: " + code + " (expected: 100 to 999)");
        }
        int reasonStart = Math.min(codeEnd + 1, to);
        if (HttpChars.invalidValueByte(in, reasonStart, to) >= 0) {
            throw bad("reason phrase: " + text(in, reasonStart, to) + " (expected: no control character)");
        }
        HttpStatus known = HttpStatus.of(code);
        String reason = string(in, reasonStart, to - reasonStart);
        HttpStatus status = known.reasonPhrase().equals(reason) ? known : new HttpStatus(code, reason);
        return new HttpResponse(version, status, HttpHeaders.create());
    }

    @Override
    HttpDecoderException startLineTooLong(int max) {
        return bad("status line: more than " + max + " bytes (expected: at most " + max + ")");
    }

    @Override
    long contentLength(HttpMessage head) {
        HttpStatus status = ((HttpResponse) head).status();
        if (status.isInformational()) {
            return 0; // interim: the final response to the same request follows
        }
        HttpMethod method = sentMethods == null ? null : sentMethods.poll();
        if (HttpMethod.HEAD.equals(method) || status.forbidsContent()) {
            return 0;
        }
        HttpHeaders h = head.headers();
        if (!h.contains(HttpHeaderNames.CONTENT_LENGTH) && !h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return -2; // until the connection ends
        }
        return HttpRequestDecoder.framing(h, head.version() == HttpVersion.HTTP_1_0);
    }

    @Override
    HttpObject withoutContent(HttpMessage head, Buffer empty) {
        return new FullHttpResponse((HttpResponse) head, empty, HttpHeaders.empty());
    }
}
