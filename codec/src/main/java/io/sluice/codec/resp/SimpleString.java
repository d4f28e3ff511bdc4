package io.sluice.codec.resp;

import java.util.Objects;

/**
 * A simple string ({@code +text\r\n}). The text may not contain CR or LF: {@link RespEncoder}
 * refuses it.
 *
 * @param text the text, without the type byte and line ending
 */
public record SimpleString(String text) implements RespMessage {
    /** {@code +OK}. */
    public static final SimpleString OK = new SimpleString("OK");
    /** {@code +PONG}. */
    public static final SimpleString PONG = new SimpleString("PONG");
    /** {@code +QUEUED}. */
    public static final SimpleString QUEUED = new SimpleString("QUEUED");

    /** Checks that {@code text} is not null. */
    public SimpleString {
        Objects.requireNonNull(text, "text");
    }

    /** Returns a simple string holding {@code text}. */
    public static SimpleString of(String text) {
        return new SimpleString(text);
    }

    @Override
    public RespType type() {
        return RespType.SIMPLE_STRING;
    }
}
