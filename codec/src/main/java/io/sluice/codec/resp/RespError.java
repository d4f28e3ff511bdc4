package io.sluice.codec.resp;

import java.util.Objects;

/**
 * A simple error ({@code -ERR message\r\n}); by convention the first word is an error code such
 * as {@code ERR} or {@code WRONGTYPE}. The text may not contain CR or LF: {@link RespEncoder}
 * refuses it.
 *
 * @param text the error text, without the type byte and line ending
 */
public record RespError(String text) implements RespMessage {

    /** Checks that {@code text} is not null. */
    public RespError {
        Objects.requireNonNull(text, "text");
    }

    /** Returns an error holding {@code text}. */
    public static RespError of(String text) {
        return new RespError(text);
    }

    @Override
    public RespType type() {
        return RespType.ERROR;
    }
}
