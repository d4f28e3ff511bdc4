package io.sluice.codec.resp;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import io.sluice.buffer.Buffers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Bytes with a declared length: a bulk string ({@code $3\r\nfoo\r\n}), or one of RESP3's blob
 * error ({@code !}) and verbatim string ({@code =}, whose content starts with a three-letter
 * format and a colon, e.g. {@code txt:}).
 *
 * <p>Ownership: this message owns {@code content}; its reference count is the content's. A
 * decoded bulk string's content is a slice of the received bytes (no copy), so hold it only as
 * long as needed: copy what you keep and release the message.
 *
 * @param type {@link RespType#BULK_STRING}, {@link RespType#BLOB_ERROR} or {@link RespType#VERBATIM_STRING}
 * @param content the bytes, from its reader index to its writer index
 */
public record BulkString(RespType type, Buffer content) implements RespMessage, BufferHolder {

    /** Checks that {@code type} is a blob type. */
    public BulkString {
        Objects.requireNonNull(content, "content");
        if (!Objects.requireNonNull(type, "type").isBlob()) {
            throw new IllegalArgumentException("type: " + type + " (expected: BULK_STRING, BLOB_ERROR or VERBATIM_STRING)");
        }
    }

    /** Returns a bulk string owning {@code content}. */
    public static BulkString of(Buffer content) {
        return new BulkString(RespType.BULK_STRING, content);
    }

    /** Returns a bulk string wrapping {@code bytes} (not copied: do not change them afterwards). */
    public static BulkString of(byte[] bytes) {
        return of(Buffers.wrap(bytes));
    }

    /** Returns a bulk string holding the UTF-8 bytes of {@code text}. */
    public static BulkString of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the number of content bytes. */
    public int length() {
        return content.readableBytes();
    }

    /** Returns the content decoded with {@code charset}; the content's indexes do not move. */
    public String toString(Charset charset) {
        return content.toString(charset);
    }

    /** Returns a copy of the content bytes; the content's indexes do not move. */
    public byte[] toByteArray() {
        return Buffers.toByteArray(content);
    }
}
