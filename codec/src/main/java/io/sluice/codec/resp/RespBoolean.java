package io.sluice.codec.resp;

/**
 * A RESP3 boolean ({@code #t\r\n} or {@code #f\r\n}).
 *
 * @param value the value
 */
public record RespBoolean(boolean value) implements RespMessage {
    /** {@code #t}. */
    public static final RespBoolean TRUE = new RespBoolean(true);
    /** {@code #f}. */
    public static final RespBoolean FALSE = new RespBoolean(false);

    /** Returns the shared instance for {@code value}. */
    public static RespBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public RespType type() {
        return RespType.BOOLEAN;
    }
}
