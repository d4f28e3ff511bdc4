package io.sluice.examples;

import java.util.Arrays;

/**
 * One message of the example key-value protocol, requests and responses alike. On the wire
 * ({@link KvCodec}), big-endian:
 *
 * <pre>
 * +----------+--------+----------+-------------+---------------+
 * | length   | type   | keyLen   | key         | value         |
 * | 4 bytes  | 1 byte | 2 bytes  | keyLen B    | the rest      |
 * +----------+--------+----------+-------------+---------------+
 *   length counts the bytes after itself: 3 + keyLen + value length
 * </pre>
 *
 * @param type what the message asks or answers
 * @param key the key (UTF-8 on the wire; empty in responses)
 * @param value the value (empty where the type has none)
 */
public record KvMessage(Type type, String key, byte[] value) {
    private static final byte[] NONE = new byte[0];

    /** Message types and their codes on the wire. */
    public enum Type {
        /** Request: the value of {@code key}. Answered by VALUE or NOT_FOUND. */
        GET,
        /** Request: set {@code key} to {@code value}. Answered by OK. */
        PUT,
        /** Request: remove {@code key}. Answered by OK or NOT_FOUND. */
        DELETE,
        /** Response: the value asked for. */
        VALUE,
        /** Response: done. */
        OK,
        /** Response: no such key. */
        NOT_FOUND;

        private static final Type[] BY_CODE = values();

        /** The byte that stands for this type on the wire. */
        public int code() {
            return ordinal() + 1;
        }

        /** The type for {@code code}, or null if there is none. */
        public static Type of(int code) {
            return code >= 1 && code <= BY_CODE.length ? BY_CODE[code - 1] : null;
        }
    }

    /** A GET request. */
    public static KvMessage get(String key) {
        return new KvMessage(Type.GET, key, NONE);
    }

    /** A PUT request. */
    public static KvMessage put(String key, byte[] value) {
        return new KvMessage(Type.PUT, key, value);
    }

    /** A DELETE request. */
    public static KvMessage delete(String key) {
        return new KvMessage(Type.DELETE, key, NONE);
    }

    /** A response without key or value. */
    public static KvMessage reply(Type type) {
        return new KvMessage(type, "", NONE);
    }

    /** A VALUE response. */
    public static KvMessage value(byte[] value) {
        return new KvMessage(Type.VALUE, "", value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvMessage && ((KvMessage) o).type == type && ((KvMessage) o).key.equals(key)
                && Arrays.equals(((KvMessage) o).value, value);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + key.hashCode()) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return type + (key.isEmpty() ? "" : " " + key) + (value.length == 0 ? "" : " (" + value.length + " bytes)");
    }
}
