package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import java.util.Objects;

/**
 * A piece of a message's content, following its head. The last piece of a message is flagged
 * {@code last} and carries the trailer fields (usually {@link HttpHeaders#empty()}).
 *
 * <p>Ownership: this message owns {@code content} (see {@link BufferHolder}).
 *
 * @param content the bytes
 * @param last whether this ends the message
 * @param trailers the trailer fields of the last piece; {@link HttpHeaders#empty()} otherwise
 */
public record HttpContent(Buffer content, boolean last, HttpHeaders trailers) implements HttpObject, BufferHolder {
    /** Checks that no component is null. */
    public HttpContent {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(trailers, "trailers");
    }

    /** Returns a piece that is not the last, taking ownership of {@code content}. */
    public static HttpContent of(Buffer content) {
        return new HttpContent(content, false, HttpHeaders.empty());
    }

    /** Returns the last piece without trailers, taking ownership of {@code content}. */
    public static HttpContent last(Buffer content) {
        return new HttpContent(content, true, HttpHeaders.empty());
    }
}
