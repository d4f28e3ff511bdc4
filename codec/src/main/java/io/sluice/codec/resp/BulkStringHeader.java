package io.sluice.codec.resp;

import java.util.Objects;

/**
 * The start of a streamed bulk string: its declared length. A {@link RespDecoder} whose
 * {@link RespLimits#streamBulkAbove()} the length exceeds emits this instead of a
 * {@link BulkString}, then {@link BulkStringChunk}s holding exactly {@code length} bytes, the
 * last one marked {@link BulkStringChunk#last()}.
 *
 * <p>Not a {@link RespMessage} (it is part of one); {@link RespEncoder} passes it through. Holds no
 * buffer.
 *
 * @param type the blob type; the decoder streams {@link RespType#BULK_STRING} only
 * @param length the number of content bytes the chunks will carry, more than zero
 */
public record BulkStringHeader(RespType type, int length) {
    /** Checks the type is a blob type and the length positive. */
    public BulkStringHeader {
        if (!Objects.requireNonNull(type, "type").isBlob()) {
            throw new IllegalArgumentException("type: " + type + " (expected: BULK_STRING, BLOB_ERROR or VERBATIM_STRING)");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length: " + length + " (expected: more than 0)");
        }
    }
}
