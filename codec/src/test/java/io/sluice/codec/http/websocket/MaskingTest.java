package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {
    private static final int MASK = 0x9A3C_57E1;

    /** The transform byte by byte, as RFC 6455 section 5.3 writes it: octet i XOR key octet i mod 4. */
    private static byte[] reference(byte[] data, int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (data[from + i] ^ (MASK >>> (24 - 8 * (i % 4))));
        }
        return out;
    }

    /**
     * Every length across the word boundaries, from an unaligned source index, appended behind bytes
     * already in a destination too small for it (so it grows), from heap and direct sources.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyLengthMatchesTheBytewiseTransform(boolean direct) {
        BufferAllocator alloc = BufferAllocator.defaultAllocator();
        byte[] data = new byte[100];
        new SplittableRandom(7).nextBytes(data);
        for (int length = 0; length <= 70; length++) {
            Buffer src = direct ? alloc.directBuffer(data.length) : alloc.heapBuffer(data.length);
            Buffer dst = alloc.buffer(4);
            try {
                src.writeBytes(data);
                dst.writeBytes(new byte[] {1, 2, 3});
                Masking.xor(src, 5, length, MASK, dst);
                assertEquals(3 + length, dst.writerIndex(), "writer index after " + length + " bytes");
                byte[] got = new byte[dst.readableBytes()];
                dst.getBytes(0, got);
                assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(got, 3), "bytes before, length " + length);
                assertArrayEquals(reference(data, 5, length), Arrays.copyOfRange(got, 3, got.length), "length " + length);
                assertEquals(0, src.readerIndex(), "the source is read at absolute indices");
            } finally {
                src.release();
                dst.release();
            }
        }
    }

    /** Masking twice with the same key gives the input back (what the encoder and decoder rely on). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 125, 126, 16384, 65536})
    void maskingTwiceIsTheIdentity(int length) {
        BufferAllocator alloc = BufferAllocator.defaultAllocator();
        byte[] data = new byte[length];
        new SplittableRandom(length).nextBytes(data);
        Buffer src = alloc.buffer(length);
        Buffer once = alloc.buffer(length);
        Buffer twice = alloc.buffer(length);
        try {
            src.writeBytes(data);
            Masking.xor(src, 0, length, MASK, once);
            Masking.xor(once, 0, length, MASK, twice);
            byte[] got = new byte[length];
            twice.getBytes(0, got);
            assertArrayEquals(data, got);
        } finally {
            src.release();
            once.release();
            twice.release();
        }
    }
}
