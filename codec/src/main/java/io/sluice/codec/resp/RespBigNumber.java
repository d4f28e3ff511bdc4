package io.sluice.codec.resp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A RESP3 big number ({@code (3492890328409238509324850943850943825024385\r\n}).
 *
 * @param value the value
 */
public record RespBigNumber(BigInteger value) implements RespMessage {

    /** Checks that {@code value} is not null. */
    public RespBigNumber {
        Objects.requireNonNull(value, "value");
    }

    /** Returns a big number holding {@code value}. */
    public static RespBigNumber of(BigInteger value) {
        return new RespBigNumber(value);
    }

    @Override
    public RespType type() {
        return RespType.BIG_NUMBER;
    }
}
