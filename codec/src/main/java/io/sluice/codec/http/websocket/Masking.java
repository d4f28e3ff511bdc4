package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;

/** The masking transform of RFC 6455 (section 5.3): the same XOR masks and unmasks. */
final class Masking {
    private Masking() {}

    /**
     * Writes {@code length} bytes of {@code src} from {@code index}, XORed with the big-endian
     * {@code mask} repeated, to {@code dst} at its writer index (growing it once if needed); eight
     * bytes at a time.
     */
    static void xor(Buffer src, int index, int length, int mask, Buffer dst) {
        dst.ensureWritable(length);
        int at = dst.writerIndex();
        // absolute accesses at a constant stride: the JIT checks the ranges once per loop instead of
        // once per word, which a relative writeLong (moving the writer index each time) prevents
        long mask64 = (mask & 0xFFFFFFFFL) << 32 | (mask & 0xFFFFFFFFL);
        int words = length & ~7;
        for (int i = 0; i < words; i += 8) {
            dst.setLong(at + i, src.getLong(index + i) ^ mask64);
        }
        for (int i = words; i < length; i++) {
            dst.setByte(at + i, src.getByte(index + i) ^ (mask >>> (24 - 8 * (i & 3))));
        }
        dst.writerIndex(at + length);
    }
}
