package io.sluice.codec.http;

import java.util.Objects;

/**
 * A response head: version, status and headers. Content follows as {@link HttpContent} messages,
 * the last one flagged; {@link FullHttpResponse} carries a whole response in one message.
 *
 * @param version the version
 * @param status the status
 * @param headers the header fields
 */
public record HttpResponse(HttpVersion version, HttpStatus status, HttpHeaders headers) implements HttpMessage {
    /** Checks that no component is null. */
    public HttpResponse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
    }

    /** Returns an HTTP/1.1 response head with new, empty headers. */
    public static HttpResponse of(HttpStatus status) {
        return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpHeaders.create());
    }
}
