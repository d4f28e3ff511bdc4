package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The documented growth policy, checked on kinds that own no reserved slack (unpooled): the
 * capacity doubles from 64 bytes up to 4 MiB, then grows in 4 MiB steps, capped at the maximum.
 */
interface UnpooledGrowthPolicy extends BufferContractSupport {

    @Test
    default void capacityDoublesFrom64() {
        Buffer buf = newBuffer(8, 1 << 20);
        buf.writeZero(9);
        assertEquals(64, buf.capacity());
        buf.ensureWritable(100);
        assertEquals(128, buf.capacity());
        buf.writeZero(200);
        assertEquals(256, buf.capacity());
        buf.release();
    }

    @Test
    default void growthIsCappedAtTheMaximum() {
        Buffer buf = newBuffer(8, 100);
        buf.ensureWritable(70);
        assertEquals(100, buf.capacity());
        buf.release();
    }

    @Test
    default void beyondFourMebibytesGrowsInFourMebibyteSteps() {
        Buffer buf = newBuffer(0, Integer.MAX_VALUE);
        buf.ensureWritable(5 << 20);
        assertEquals(8 << 20, buf.capacity());
        buf.writerIndex(8 << 20).ensureWritable(1);
        assertEquals(12 << 20, buf.capacity());
        buf.release();
    }
}
