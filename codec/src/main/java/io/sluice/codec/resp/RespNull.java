package io.sluice.codec.resp;

/**
 * The three ways RESP says "nothing": RESP2's null bulk string ({@code $-1}) and null array
 * ({@code *-1}), and RESP3's null ({@code _}). Each is written back exactly as it was read; a
 * RESP2 server answers with {@link #BULK_STRING} or {@link #ARRAY}, a RESP3 one with {@link #NULL}.
 */
public enum RespNull implements RespMessage {
    /** {@code $-1\r\n}. */
    BULK_STRING,
    /** {@code *-1\r\n}. */
    ARRAY,
    /** {@code _\r\n}. */
    NULL;

    @Override
    public RespType type() {
        return RespType.NULL;
    }
}
