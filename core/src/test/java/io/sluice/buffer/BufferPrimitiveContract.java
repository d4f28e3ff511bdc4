package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertOutOfBounds;
import static io.sluice.buffer.TestBuffers.bytesAt;
import static io.sluice.buffer.TestBuffers.fillCapacity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.buffer.BufferTestData.Accessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Primitive get/set/read/write of every width, in both byte orders, and their bounds checks. */
interface BufferPrimitiveContract extends BufferContractSupport {

    String ACCESSORS = "io.sluice.buffer.BufferTestData#accessors";

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    private static void assertLayout(Accessor acc, long bits, Buffer buf, int index) {
        assertEquals(hex(acc.layout(bits)), hex(bytesAt(buf, index, acc.width())),
                () -> acc + " bytes at " + index + " for bits 0x" + Long.toHexString(bits));
    }

    /** Sets a value at every index (so composites are crossed at every boundary) and reads it back. */
    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void setThenGetAtEveryIndex(Accessor acc) {
        Buffer buf = newBuffer(CAP, CAP);
        Random rnd = random();
        int cap = buf.capacity();
        for (int index = 0; index + acc.width() <= cap; index++) {
            fillCapacity(buf, (byte) 0x5A);
            long[] edges = acc.edges();
            long bits = index < edges.length ? edges[index] : acc.random(rnd);
            acc.set().set(buf, index, bits);
            assertEquals(acc.expected(bits), acc.get().get(buf, index), acc + " at index " + index);
            assertLayout(acc, bits, buf, index);
            if (index > 0) {
                assertEquals((byte) 0x5A, buf.getByte(index - 1), "byte before the value is untouched");
            }
            if (index + acc.width() < cap) {
                assertEquals((byte) 0x5A, buf.getByte(index + acc.width()), "byte after the value is untouched");
            }
        }
        assertEquals(0, buf.readerIndex());
        assertEquals(0, buf.writerIndex());
        buf.release();
    }

    /** Decodes a known byte pattern written byte by byte (independent of the setter under test). */
    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void getDecodesByteLayout(Accessor acc) {
        Buffer buf = newBuffer(CAP, CAP);
        Random rnd = random();
        for (int round = 0; round < 50; round++) {
            long bits = acc.random(rnd);
            int index = rnd.nextInt(buf.capacity() - acc.width() + 1);
            byte[] layout = acc.layout(bits);
            for (int k = 0; k < layout.length; k++) {
                buf.setByte(index + k, layout[k]);
            }
            assertEquals(acc.expected(bits), acc.get().get(buf, index), acc + " decodes 0x" + Long.toHexString(bits));
        }
        buf.release();
    }

    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void writeThenReadSequence(Accessor acc) {
        Buffer buf = newBuffer(CAP, CAP);
        Random rnd = random();
        List<Long> written = new ArrayList<>();
        int cap = buf.capacity();
        while (buf.writerIndex() + acc.width() <= cap) {
            int before = buf.writerIndex();
            long bits = acc.random(rnd);
            acc.write().write(buf, bits);
            assertEquals(before + acc.width(), buf.writerIndex(), "writer index advances by the width");
            assertLayout(acc, bits, buf, before);
            written.add(bits);
        }
        assertEquals(0, buf.readerIndex());
        for (long bits : written) {
            int before = buf.readerIndex();
            assertEquals(acc.expected(bits), acc.read().read(buf));
            assertEquals(before + acc.width(), buf.readerIndex(), "reader index advances by the width");
        }
        assertEquals(written.size() * acc.width(), buf.readerIndex());
        assertFalse(buf.isReadable());
        buf.release();
    }

    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void absoluteAccessOutOfBoundsThrows(Accessor acc) {
        Buffer buf = newBuffer(CAP, CAP);
        int cap = buf.capacity();
        int w = acc.width();
        int[] bad = {-1, -w, cap - w + 1, cap, cap + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - w + 2,
            Integer.MIN_VALUE};
        for (int index : bad) {
            assertOutOfBounds(() -> acc.get().get(buf, index), index, w, cap);
            assertOutOfBounds(() -> acc.set().set(buf, index, 0), index, w, cap);
        }
        // the last legal index works
        acc.set().set(buf, cap - w, -1L);
        assertEquals(acc.expected(-1L), acc.get().get(buf, cap - w));
        buf.release();
        if (w > 1) { // narrower than the access: no index is legal, not even 0
            Buffer narrow = newBuffer(w - 1, w - 1);
            int narrowCap = narrow.capacity();
            assertOutOfBounds(() -> acc.get().get(narrow, 0), 0, w, narrowCap);
            assertOutOfBounds(() -> acc.set().set(narrow, 0, 0), 0, w, narrowCap);
            narrow.release();
        }
    }

    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void readPastWriterIndexThrowsAndKeepsIndex(Accessor acc) {
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeZero(acc.width() - 1);
        assertOutOfBounds(() -> acc.read().read(buf), acc.width());
        assertEquals(0, buf.readerIndex());
        buf.writeByte(0x7F);
        acc.read().read(buf); // now exactly enough bytes
        assertEquals(acc.width(), buf.readerIndex());
        assertOutOfBounds(() -> acc.read().read(buf), acc.width());
        buf.release();
    }

    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void writePastMaxCapacityThrowsAndKeepsIndex(Accessor acc) {
        Buffer buf = newBuffer(16, 16);
        boolean bounded = BufferContractSupport.smallMax(buf);
        if (!bounded) {
            buf.release();
        }
        assumeTrue(bounded, "max capacity is unbounded for this kind (a composite grows to Integer.MAX_VALUE)");
        int max = buf.maxCapacity();
        buf.writeZero(max - acc.width() + 1);
        int before = buf.writerIndex();
        assertOutOfBounds(() -> acc.write().write(buf, 1L), max);
        assertEquals(before, buf.writerIndex());
        assertTrue(buf.capacity() <= max);
        buf.release();
    }

    @ParameterizedTest
    @MethodSource(ACCESSORS)
    default void leAndBeAreByteReversed(Accessor acc) {
        assumeTrue(acc.width() > 1);
        Buffer buf = newBuffer(CAP, CAP);
        long bits = 0x1122334455667788L;
        acc.set().set(buf, 3, bits);
        byte[] stored = bytesAt(buf, 3, acc.width());
        byte[] reversed = new byte[stored.length];
        for (int k = 0; k < stored.length; k++) {
            reversed[k] = stored[stored.length - 1 - k];
        }
        byte[] expectedOther = new Accessor("mirror", acc.width(), !acc.littleEndian(), false, false,
                null, null, null, null).layout(bits);
        assertArrayEquals(expectedOther, reversed);
        buf.release();
    }

    @Test
    default void booleans() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.setBoolean(0, true).setBoolean(1, false);
        assertEquals(1, buf.getByte(0));
        assertEquals(0, buf.getByte(1));
        buf.setByte(2, 0x80);
        assertTrue(buf.getBoolean(0));
        assertFalse(buf.getBoolean(1));
        assertTrue(buf.getBoolean(2), "any non-zero byte is true");
        buf.writeBoolean(true).writeBoolean(false);
        assertEquals(2, buf.writerIndex());
        assertTrue(buf.readBoolean());
        assertFalse(buf.readBoolean());
        assertOutOfBounds(buf::readBoolean, 1);
        assertOutOfBounds(() -> buf.getBoolean(buf.capacity()), buf.capacity());
        assertOutOfBounds(() -> buf.setBoolean(-1, true), -1);
        buf.release();
    }

    @Test
    default void unsignedAndSignExtensionEdges() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.setLong(0, -1L);
        assertEquals(255, buf.getUnsignedByte(0));
        assertEquals(-1, buf.getByte(0));
        assertEquals(65535, buf.getUnsignedShort(0));
        assertEquals(65535, buf.getUnsignedShortLE(0));
        assertEquals(0xFFFFFF, buf.getUnsignedMedium(0));
        assertEquals(-1, buf.getMedium(0));
        assertEquals(0xFFFF_FFFFL, buf.getUnsignedInt(0));
        assertEquals(0xFFFF_FFFFL, buf.getUnsignedIntLE(0));
        buf.setMedium(8, 0x800000);
        assertEquals(-0x800000, buf.getMedium(8));
        assertEquals(0x800000, buf.getUnsignedMedium(8));
        assertEquals(0x80, buf.getUnsignedMediumLE(8));
        buf.setMediumLE(12, 0x800000);
        assertEquals(-0x800000, buf.getMediumLE(12));
        buf.setMedium(16, 0x12345678); // only the low 24 bits are stored
        assertEquals(0x345678, buf.getMedium(16));
        assertEquals((byte) 0x34, buf.getByte(16));
        assertEquals((byte) 0x78, buf.getByte(18));
        buf.setShort(20, 0x12345);
        assertEquals(0x2345, buf.getShort(20));
        buf.setChar(24, '\u00e9');
        assertEquals('\u00e9', buf.getChar(24));
        assertEquals(0, buf.getByte(24));
        buf.release();
    }
}
