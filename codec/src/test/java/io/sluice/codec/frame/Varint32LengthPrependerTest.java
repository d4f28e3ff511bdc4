package io.sluice.codec.frame;

import static io.sluice.codec.frame.LengthFieldPrependerTest.decodeOne;
import static io.sluice.codec.frame.LengthFieldPrependerTest.encode;
import static io.sluice.codec.frame.LengthFieldPrependerTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.buffer.Buffers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Varint32LengthPrepender: prefix bytes and sizes, and round trips through Varint32FrameDecoder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Varint32LengthPrependerTest {

    @Test
    void roundTripsOnBothWritePathsAndEveryPrefixSizeUpToFour() {
        for (int n : new int[] {0, 1, 127, 128, 1024, 1025, 16383, 16384, 100_000, 1 << 21}) {
            byte[] body = random(n, n);
            List<byte[]> wire = encode(new Varint32LengthPrepender(), Buffers.copyOf(body));
            assertEquals(1, wire.size(), "one message per frame: body " + n);
            assertArrayEquals(FrameSpec.varint(n), java.util.Arrays.copyOf(wire.get(0), wire.get(0).length - n),
                    "the prefix");
            assertArrayEquals(body, decodeOne(new Varint32FrameDecoder(1 << 21), wire), "body " + n);
        }
    }

    @Test
    void knownPrefixes() {
        assertArrayEquals(new byte[] {0}, encode(new Varint32LengthPrepender(), Buffers.copyOf(new byte[0])).get(0));
        byte[] wire = encode(new Varint32LengthPrepender(), Buffers.copyOf(new byte[300])).get(0);
        assertEquals((byte) 0xAC, wire[0]);
        assertEquals(0x02, wire[1]);
        assertEquals(302, wire.length);
    }

    @Test
    void prefixSizes() {
        int[][] cases = {{0, 1}, {127, 1}, {128, 2}, {16383, 2}, {16384, 3}, {(1 << 21) - 1, 3}, {1 << 21, 4},
            {(1 << 28) - 1, 4}, {1 << 28, 5}, {Integer.MAX_VALUE, 5}};
        for (int[] c : cases) {
            assertEquals(c[1], Varint32LengthPrepender.varintSize(c[0]), "size of " + c[0]);
            assertEquals(c[1], FrameSpec.varint(c[0]).length, "the test's own encoder agrees for " + c[0]);
        }
    }
}
