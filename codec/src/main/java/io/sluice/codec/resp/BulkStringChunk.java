package io.sluice.codec.resp;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import java.util.Objects;

/**
 * Part of a streamed bulk string's content, after its {@link BulkStringHeader}. The chunks of one
 * bulk string, concatenated, are its content exactly; the one marked {@link #last()} is emitted
 * once the content's terminating CRLF has arrived and been checked, and is never empty.
 *
 * <p>Ownership: this chunk owns {@code content}, a retained slice of the received bytes (no
 * copy); its reference count is the content's. Whoever receives it releases it (or passes it on).
 * Not a {@link RespMessage}; {@link RespEncoder} passes it through.
 *
 * @param content the bytes, from its reader index to its writer index
 * @param last whether this chunk ends the bulk string
 */
public record BulkStringChunk(Buffer content, boolean last) implements BufferHolder {
    /** Checks {@code content} is present. */
    public BulkStringChunk {
        Objects.requireNonNull(content, "content");
    }
}
