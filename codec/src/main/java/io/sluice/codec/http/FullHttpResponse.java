package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import io.sluice.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A whole response: head, content and trailers in one message. The encoder adds
 * {@code Content-Length} when the head has neither it nor {@code Transfer-Encoding}. Owns
 * {@code content} (see {@link BufferHolder}).
 *
 * @param head the response head
 * @param content the content, possibly empty
 * @param trailers the trailer fields (sent only with chunked transfer coding)
 */
public record FullHttpResponse(HttpResponse head, Buffer content, HttpHeaders trailers)
        implements HttpObject, BufferHolder {
    /** Checks that no component is null. */
    public FullHttpResponse {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(trailers, "trailers");
    }

    /** Returns an HTTP/1.1 response with {@code status}, new headers and {@code content} (owned by it). */
    public static FullHttpResponse of(HttpStatus status, Buffer content) {
        return new FullHttpResponse(HttpResponse.of(status), content, HttpHeaders.empty());
    }

    /** Returns an HTTP/1.1 response with {@code status} and {@code text} as {@code text/plain; charset=utf-8}. */
    public static FullHttpResponse ofText(HttpStatus status, String text) {
        FullHttpResponse response = of(status, Buffers.copyOf(text, StandardCharsets.UTF_8));
        response.headers().add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN_UTF_8);
        return response;
    }

    /** Returns the head's status. */
    public HttpStatus status() {
        return head.status();
    }

    /** Returns the head's version. */
    public HttpVersion version() {
        return head.version();
    }

    /** Returns the head's headers. */
    public HttpHeaders headers() {
        return head.headers();
    }
}
