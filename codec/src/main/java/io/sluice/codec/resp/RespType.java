package io.sluice.codec.resp;

/**
 * The RESP2 and RESP3 data types, each with the byte that starts it on the wire.
 *
 * <p>RESP2 has the first five; RESP3 adds the rest. {@link #SET}, {@link #PUSH}, {@link #MAP} and
 * {@link #ATTRIBUTE} are aggregates like {@link #ARRAY} (a map's or attribute's declared count is
 * its number of pairs); {@link #BLOB_ERROR} and {@link #VERBATIM_STRING} are framed like
 * {@link #BULK_STRING}.
 */
public enum RespType {
    /** {@code +OK\r\n}: a line of text without CR or LF. */
    SIMPLE_STRING('+'),
    /** {@code -ERR message\r\n}: an error as a line of text. */
    ERROR('-'),
    /** {@code :42\r\n}: a signed 64-bit integer. */
    INTEGER(':'),
    /** {@code $3\r\nfoo\r\n}: binary-safe bytes with a declared length. */
    BULK_STRING('$'),
    /** {@code *2\r\n...}: a sequence of any values. */
    ARRAY('*'),
    /** {@code _\r\n}: RESP3's null. */
    NULL('_'),
    /** {@code ,1.5\r\n}: RESP3 double, also {@code inf}, {@code -inf} and {@code nan}. */
    DOUBLE(','),
    /** {@code #t\r\n}: RESP3 boolean. */
    BOOLEAN('#'),
    /** {@code !5\r\nERR x\r\n}: RESP3 error with a declared length. */
    BLOB_ERROR('!'),
    /** {@code =8\r\ntxt:text\r\n}: RESP3 text with a three-letter format prefix. */
    VERBATIM_STRING('='),
    /** {@code (12345678901234567890\r\n}: RESP3 integer of any size. */
    BIG_NUMBER('('),
    /** {@code %1\r\n...}: RESP3 map; the count is the number of key-value pairs. */
    MAP('%'),
    /** {@code ~2\r\n...}: RESP3 set. */
    SET('~'),
    /** {@code |1\r\n...}: RESP3 attribute (pairs) describing the reply that follows it. */
    ATTRIBUTE('|'),
    /** {@code >2\r\n...}: RESP3 out-of-band push. */
    PUSH('>');

    private static final RespType[] BY_BYTE = new RespType[128];

    static {
        for (RespType t : values()) {
            BY_BYTE[t.typeByte] = t;
        }
    }

    private final byte typeByte;
    /** The name in messages: lower case, words separated by spaces. */
    private final String label;

    RespType(char typeByte) {
        this.typeByte = (byte) typeByte;
        this.label = name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Returns the type's name for messages, e.g. {@code bulk string}. */
    public String label() {
        return label;
    }

    /** Returns the byte that starts a value of this type. */
    public byte typeByte() {
        return typeByte;
    }

    /** Returns whether values of this type hold other values. */
    public boolean isAggregate() {
        return this == ARRAY || this == MAP || this == SET || this == ATTRIBUTE || this == PUSH;
    }

    /** Returns whether values of this type are framed by a declared byte length. */
    public boolean isBlob() {
        return this == BULK_STRING || this == BLOB_ERROR || this == VERBATIM_STRING;
    }

    /** Returns the type started by {@code b}, or {@code null} if no type starts with it. */
    public static RespType of(byte b) {
        return b >= 0 ? BY_BYTE[b] : null;
    }
}
