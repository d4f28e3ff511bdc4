package io.sluice.examples;

import java.util.Objects;

/**
 * A command {@link MemcachedDecoder} could not accept but can recover from: the handler sends
 * {@code reply} and the connection carries on, as memcached does.
 *
 * @param reply the error line without its CRLF: {@code ERROR}, {@code CLIENT_ERROR ...} or
 *     {@code SERVER_ERROR ...}
 */
public record MemcachedError(String reply) {
    /** Checks the argument. */
    public MemcachedError {
        Objects.requireNonNull(reply, "reply");
    }
}
