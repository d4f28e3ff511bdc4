package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;

/** The masking transform of RFC 6455 (section 5.3): the same XOR masks and unmasks. */
final class Masking {
    private Masking() {}

    /**
     * Writes {@code length} bytes of {@code src} from {@code index}, XORed with the big-endian
     * {@code mask} repeated, to {@code dst}; eight bytes at a time.
     */
    static void xor(Buffer src, int index, int length, int mask, Buffer dst) {
        long mask64 = (mask & 0xFFFFFFFFL) << 32 | (mask & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            dst.writeLong(src.getLong(index + i) ^ mask64);
        }
        for (; i < length; i++) {
            dst.writeByte(src.getByte(index + i) ^ (mask >>> (24 - 8 * (i & 3))));
        }
    }
}
