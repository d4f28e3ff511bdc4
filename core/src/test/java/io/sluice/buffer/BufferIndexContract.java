package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertOutOfBounds;
import static io.sluice.buffer.TestBuffers.assertReadable;
import static io.sluice.buffer.TestBuffers.bytesAt;
import static io.sluice.buffer.TestBuffers.randomBytes;
import static io.sluice.buffer.TestBuffers.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Indexes, marks, capacity and growth, array access and the description. */
interface BufferIndexContract extends BufferContractSupport {

    @Test
    default void newBufferIsEmptyWithCountOne() {
        Buffer buf = newBuffer(CAP, 1024);
        assertEquals(0, buf.readerIndex());
        assertEquals(0, buf.writerIndex());
        assertTrue(buf.capacity() >= CAP, "capacity " + buf.capacity());
        assertTrue(buf.maxCapacity() >= buf.capacity());
        assertEquals(0, buf.readableBytes());
        assertEquals(buf.capacity(), buf.writableBytes());
        assertEquals(buf.maxCapacity(), buf.maxWritableBytes());
        assertFalse(buf.isReadable());
        assertTrue(buf.isWritable());
        assertTrue(buf.isWritable(buf.capacity()));
        assertFalse(buf.isWritable(buf.capacity() + 1));
        assertEquals(1, buf.refCnt());
        assertTrue(buf.alloc() != null, "alloc()");
        assertFalse(buf.isReadOnly());
        buf.release();
    }

    @Test
    default void indexSettersValidate() {
        Buffer buf = newBuffer(CAP, CAP);
        int cap = buf.capacity();
        buf.writerIndex(10).readerIndex(4);
        assertEquals(6, buf.readableBytes());
        assertTrue(buf.isReadable(6));
        assertFalse(buf.isReadable(7));
        assertOutOfBounds(() -> buf.readerIndex(-1), -1);
        assertOutOfBounds(() -> buf.readerIndex(11), 11);
        assertOutOfBounds(() -> buf.writerIndex(3), 3);
        assertOutOfBounds(() -> buf.writerIndex(cap + 1), cap + 1);
        assertOutOfBounds(() -> buf.setIndex(5, 4), 5, 4);
        assertOutOfBounds(() -> buf.setIndex(-1, 4), -1);
        assertOutOfBounds(() -> buf.setIndex(0, cap + 1), cap + 1);
        assertEquals(4, buf.readerIndex(), "failed calls leave the indexes alone");
        assertEquals(10, buf.writerIndex());
        assertSame(buf, buf.setIndex(cap, cap));
        assertEquals(0, buf.writableBytes());
        assertSame(buf, buf.setIndex(0, 0));
        buf.release();
    }

    @Test
    default void clearKeepsContent() {
        byte[] data = randomBytes(random(), 20);
        Buffer buf = withContent(data, CAP);
        buf.readerIndex(5);
        assertSame(buf, buf.clear());
        assertEquals(0, buf.readerIndex());
        assertEquals(0, buf.writerIndex());
        assertArrayEquals(data, bytesAt(buf, 0, 20));
        buf.release();
    }

    @Test
    default void marksAndResets() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.resetWriterIndex();
        assertEquals(0, buf.writerIndex(), "unmarked writer index resets to 0");
        buf.writeZero(20);
        buf.readerIndex(3).markReaderIndex().readerIndex(9);
        buf.resetReaderIndex();
        assertEquals(3, buf.readerIndex());
        buf.writerIndex(12).markWriterIndex().writerIndex(18);
        buf.resetWriterIndex();
        assertEquals(12, buf.writerIndex());
        buf.release();
        Buffer other = newBuffer(CAP, CAP);
        other.writeZero(10).readerIndex(7);
        other.resetReaderIndex();
        assertEquals(0, other.readerIndex(), "unmarked reader index resets to 0");
        other.release();
    }

    @Test
    default void discardReadBytesMovesContentAndMarks() {
        byte[] data = randomBytes(random(), 30);
        Buffer buf = withContent(data, CAP);
        buf.readerIndex(12).markReaderIndex().readerIndex(10);
        buf.writerIndex(25).markWriterIndex().writerIndex(30);
        assertSame(buf, buf.discardReadBytes());
        assertEquals(0, buf.readerIndex());
        assertEquals(20, buf.writerIndex());
        assertReadable(range(data, 10, 20), buf);
        buf.resetReaderIndex();
        assertEquals(2, buf.readerIndex(), "reader mark moves with the content");
        buf.resetWriterIndex();
        assertEquals(15, buf.writerIndex(), "writer mark moves with the content");
        buf.release();
    }

    @Test
    default void discardReadBytesClampsMarksBeforeTheReaderIndex() {
        byte[] data = randomBytes(random(), 30);
        Buffer buf = withContent(data, CAP);
        buf.readerIndex(2).markReaderIndex().readerIndex(8);
        buf.discardReadBytes();
        assertEquals(22, buf.readableBytes());
        buf.resetReaderIndex();
        assertEquals(0, buf.readerIndex());
        assertReadable(range(data, 8, 22), buf);
        // everything read: both indexes go to 0
        buf.readerIndex(buf.writerIndex()).discardReadBytes();
        assertEquals(0, buf.readerIndex());
        assertEquals(0, buf.writerIndex());
        buf.release();
    }

    @Test
    default void ensureWritableWithinCapacityOrBeyondMaxCapacity() {
        Buffer buf = newBuffer(16, 16);
        buf.writeZero(8);
        int cap = buf.capacity();
        assertSame(buf, buf.ensureWritable(cap - 8));
        assertEquals(cap, buf.capacity(), "no growth needed");
        assertOutOfBounds(() -> buf.ensureWritable(Integer.MAX_VALUE), Integer.MAX_VALUE);
        assertOutOfBounds(() -> buf.ensureWritable(buf.maxCapacity() - 7), buf.maxCapacity());
        assertEquals(8, buf.writerIndex());
        assertThrows(IllegalArgumentException.class, () -> buf.ensureWritable(-1));
        buf.release();
    }

    @Test
    default void ensureWritableGrowsAndKeepsContent() {
        assumeTrue(canGrow(), "fixed capacity");
        byte[] data = randomBytes(random(), 8);
        Buffer buf = newBuffer(8, 200);
        buf.writeBytes(data).readerIndex(3);
        buf.ensureWritable(100);
        assertTrue(buf.capacity() >= 108, "capacity " + buf.capacity());
        assertTrue(buf.capacity() <= buf.maxCapacity());
        assertEquals(3, buf.readerIndex());
        assertEquals(8, buf.writerIndex());
        assertArrayEquals(data, bytesAt(buf, 0, 8));
        if (BufferContractSupport.smallMax(buf)) {
            assertEquals(200, buf.maxCapacity());
            buf.ensureWritable(buf.maxCapacity() - 8);
            assertEquals(buf.maxCapacity(), buf.capacity(), "grows up to exactly the maximum");
            assertOutOfBounds(() -> buf.ensureWritable(buf.maxCapacity() - 7), buf.maxCapacity());
        }
        assertArrayEquals(data, bytesAt(buf, 0, 8));
        buf.release();
    }

    @Test
    default void writesGrowUpToMaxCapacity() {
        assumeTrue(canGrow(), "fixed capacity");
        Buffer buf = newBuffer(4, 100);
        byte[] data = randomBytes(random(), 70);
        for (byte b : data) {
            buf.writeByte(b);
        }
        buf.writeLong(0x0102030405060708L);
        assertTrue(buf.capacity() >= 78);
        assertReadable(TestBuffers.concat(data, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), buf);
        if (BufferContractSupport.smallMax(buf)) {
            buf.writeBytes(new byte[22]);
            assertEquals(100, buf.capacity());
            assertEquals(0, buf.maxWritableBytes());
            assertOutOfBounds(() -> buf.writeByte(1), 100);
            assertEquals(100, buf.writerIndex());
        }
        buf.release();
    }

    @Test
    default void capacityChangesKeepContentAndClampIndexes() {
        assumeTrue(canGrow(), "fixed capacity");
        byte[] data = randomBytes(random(), 16);
        Buffer buf = newBuffer(16, 256);
        buf.writeBytes(data);
        assertSame(buf, buf.capacity(100));
        assertEquals(100, buf.capacity());
        assertArrayEquals(data, bytesAt(buf, 0, 16));
        assertEquals(16, buf.writerIndex());
        buf.readerIndex(12);
        buf.capacity(8);
        assertEquals(8, buf.capacity());
        assertEquals(8, buf.writerIndex(), "writer index clamped");
        assertEquals(8, buf.readerIndex(), "reader index clamped");
        assertArrayEquals(range(data, 0, 8), bytesAt(buf, 0, 8));
        buf.release();
    }

    @Test
    default void capacityOutsideLimitsThrowsIllegalArgument() {
        Buffer buf = newBuffer(16, 16);
        assertThrows(IllegalArgumentException.class, () -> buf.capacity(-1));
        if (buf.maxCapacity() < Integer.MAX_VALUE) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> buf.capacity(buf.maxCapacity() + 1));
            assertTrue(String.valueOf(e.getMessage()).contains(Integer.toString(buf.maxCapacity() + 1)),
                    e.getMessage());
        }
        assertEquals(0, buf.writerIndex());
        buf.release();
    }

    @Test
    default void arrayAccessMatchesContent() {
        byte[] data = randomBytes(random(), 24);
        Buffer buf = withContent(data, CAP);
        if (buf.hasArray()) {
            byte[] array = buf.array();
            assertArrayEquals(data, range(array, buf.arrayOffset(), 24));
            array[buf.arrayOffset() + 5] = 42;
            assertEquals(42, buf.getByte(5), "the array is the buffer's memory");
        } else {
            assertThrows(UnsupportedOperationException.class, buf::array);
        }
        buf.release();
    }

    @Test
    default void toStringIsShortDescription() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeCharSequence("SECRET-CONTENT", StandardCharsets.US_ASCII);
        String s = buf.toString();
        assertFalse(s.contains("SECRET"), s);
        assertTrue(s.contains(Integer.toString(buf.capacity())), "names the capacity: " + s);
        assertTrue(s.contains("14"), "names the writer index: " + s);
        assertTrue(s.length() < 300, s);
        buf.release();
    }
}
