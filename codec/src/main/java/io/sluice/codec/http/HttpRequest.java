package io.sluice.codec.http;

import java.util.Objects;

/**
 * A request head: method, target, version and headers. Content follows as {@link HttpContent}
 * messages, the last one flagged; a request that has no content arrives as a
 * {@link FullHttpRequest} instead.
 *
 * @param method the method
 * @param target the request target as sent (origin form {@code /path?query}, absolute form,
 *     {@code host:port} for CONNECT, or {@code *}); not decoded
 * @param version the version
 * @param headers the header fields
 */
public record HttpRequest(HttpMethod method, String target, HttpVersion version, HttpHeaders headers)
        implements HttpMessage {
    /** Checks that no component is null. */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }

    /** Returns an HTTP/1.1 request with new, empty headers. */
    public static HttpRequest of(HttpMethod method, String target) {
        return new HttpRequest(method, target, HttpVersion.HTTP_1_1, HttpHeaders.create());
    }

    /** Returns the target's path: what comes before {@code ?} or {@code #}, not decoded. */
    public String path() {
        int end = target.length();
        for (int i = 0; i < end; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return target.substring(0, i);
            }
        }
        return target;
    }
}
