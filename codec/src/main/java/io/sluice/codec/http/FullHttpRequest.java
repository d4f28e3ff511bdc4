package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import java.util.Objects;

/**
 * A whole request: head, content and trailers in one message. The decoder emits one for a request
 * without content (its content is empty); {@link HttpObjectAggregator} makes one of any request.
 * Owns {@code content} (see {@link BufferHolder}).
 *
 * @param head the request head
 * @param content the content, possibly empty
 * @param trailers the trailer fields, usually {@link HttpHeaders#empty()}
 */
public record FullHttpRequest(HttpRequest head, Buffer content, HttpHeaders trailers)
        implements HttpObject, BufferHolder {
    /** Checks that no component is null. */
    public FullHttpRequest {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(trailers, "trailers");
    }

    /** Returns a request of {@code head} and {@code content} without trailers, owning {@code content}. */
    public static FullHttpRequest of(HttpRequest head, Buffer content) {
        return new FullHttpRequest(head, content, HttpHeaders.empty());
    }

    /** Returns the head's method. */
    public HttpMethod method() {
        return head.method();
    }

    /** Returns the head's target. */
    public String target() {
        return head.target();
    }

    /** Returns the head's path (the target before {@code ?}). */
    public String path() {
        return head.path();
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
