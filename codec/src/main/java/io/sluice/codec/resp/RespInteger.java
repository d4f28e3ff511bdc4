package io.sluice.codec.resp;

/**
 * An integer ({@code :42\r\n}): signed, 64 bits.
 *
 * @param value the value
 */
public record RespInteger(long value) implements RespMessage {
    private static final RespInteger[] SMALL = new RespInteger[130];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new RespInteger(i - 1);
        }
    }

    /** Returns an integer holding {@code value}; small values are shared instances. */
    public static RespInteger of(long value) {
        return value >= -1 && value < SMALL.length - 1 ? SMALL[(int) value + 1] : new RespInteger(value);
    }

    @Override
    public RespType type() {
        return RespType.INTEGER;
    }
}
