package io.sluice.codec.resp;

/**
 * A RESP3 double ({@code ,1.5\r\n}); infinities and NaN are written {@code inf}, {@code -inf} and
 * {@code nan}.
 *
 * @param value the value
 */
public record RespDouble(double value) implements RespMessage {

    /** Returns a double holding {@code value}. */
    public static RespDouble of(double value) {
        return new RespDouble(value);
    }

    @Override
    public RespType type() {
        return RespType.DOUBLE;
    }
}
