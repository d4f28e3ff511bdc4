package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertOutOfBounds;
import static io.sluice.buffer.TestBuffers.assertReadable;
import static io.sluice.buffer.TestBuffers.randomBytes;
import static io.sluice.buffer.TestBuffers.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.BufferTestData.BufferOp;
import io.sluice.buffer.TestBuffers.Other;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Slices, duplicates, read-only views, copies, NIO views and equality. */
interface BufferDerivedContract extends BufferContractSupport {

    /** A buffer whose readable bytes are {@code data[4..36)} (reader index 4, writer index 36). */
    private Buffer source(byte[] data) {
        Buffer buf = withContent(range(data, 0, 40), CAP);
        buf.setIndex(4, 36);
        return buf;
    }

    private static void assertSharesWith(Buffer parent, int offset, Buffer view) {
        parent.setByte(offset + 1, 0x11);
        assertEquals(0x11, view.getByte(1), "parent write visible in the view");
        view.setByte(2, 0x22);
        assertEquals(0x22, parent.getByte(offset + 2), "view write visible in the parent");
    }

    @Test
    default void sliceSharesContentAndCountWithOwnIndexes() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer slice = buf.slice();
        assertEquals(0, slice.readerIndex());
        assertEquals(32, slice.writerIndex());
        assertEquals(32, slice.capacity());
        assertEquals(32, slice.maxCapacity(), "a slice cannot grow");
        assertReadable(range(data, 4, 32), slice);
        if (buf.unwrap() == null) {
            assertSame(buf, slice.unwrap());
        } else {
            assertTrue(slice.unwrap() != null);
        }
        slice.readInt();
        assertEquals(4, buf.readerIndex(), "slice indexes are independent");
        assertSharesWith(buf, 4, slice);
        assertOutOfBounds(() -> slice.getByte(32), 32);
        assertOutOfBounds(() -> slice.getByte(-1), -1);
        assertOutOfBounds(() -> slice.writeByte(1), 32);
        assertEquals(1, slice.refCnt());
        slice.retain();
        assertEquals(2, buf.refCnt(), "slices share the reference count");
        buf.release();
        assertEquals(1, slice.refCnt());
        assertTrue(slice.release(), "releasing the slice releases the shared count");
        assertEquals(0, buf.refCnt());
    }

    @Test
    default void sliceWithIndexAndBounds() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer slice = buf.slice(10, 20);
        assertEquals(20, slice.readableBytes());
        assertReadable(range(data, 10, 20), slice);
        assertSharesWith(buf, 10, slice);
        Buffer empty = buf.slice(buf.capacity(), 0);
        assertEquals(0, empty.capacity());
        assertOutOfBounds(() -> buf.slice(-1, 4), -1);
        assertOutOfBounds(() -> buf.slice(buf.capacity() - 3, 4), buf.capacity() - 3, 4);
        assertOutOfBounds(() -> buf.slice(1, Integer.MAX_VALUE), Integer.MAX_VALUE);
        Buffer nested = slice.slice(5, 10);
        assertReadable(range(data, 15, 10), nested);
        assertOutOfBounds(() -> slice.slice(15, 6), 15, 6);
        buf.release();
        assertEquals(0, nested.refCnt());
    }

    @Test
    default void retainedSliceAndDuplicateOwnOneRelease() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer rs = buf.retainedSlice();
        assertEquals(2, buf.refCnt());
        assertReadable(range(data, 4, 32), rs);
        Buffer rs2 = buf.retainedSlice(0, 8);
        assertEquals(3, buf.refCnt());
        assertReadable(range(data, 0, 8), rs2);
        Buffer rd = buf.retainedDuplicate();
        assertEquals(4, rd.refCnt());
        assertEquals(4, rd.readerIndex());
        assertEquals(36, rd.writerIndex());
        assertFalse(rs.release());
        assertFalse(rs2.release());
        assertFalse(rd.release());
        assertEquals(1, buf.refCnt());
        assertTrue(buf.release());
    }

    @Test
    default void duplicateCopiesIndexesAndSharesEverything() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer dup = buf.duplicate();
        assertEquals(buf.capacity(), dup.capacity());
        assertEquals(buf.maxCapacity(), dup.maxCapacity());
        assertEquals(4, dup.readerIndex());
        assertEquals(36, dup.writerIndex());
        assertEquals(1, dup.refCnt());
        dup.readerIndex(10).writerIndex(12);
        assertEquals(4, buf.readerIndex());
        assertEquals(36, buf.writerIndex());
        assertSharesWith(buf, 0, dup);
        dup.retain();
        assertEquals(2, buf.refCnt());
        dup.release();
        buf.release();
        assertEquals(0, dup.refCnt());
    }

    @Test
    default void readSliceAndReadRetainedSlice() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer s1 = buf.readSlice(8);
        assertEquals(12, buf.readerIndex());
        assertReadable(range(data, 4, 8), s1);
        assertEquals(1, buf.refCnt(), "readSlice does not retain");
        Buffer s2 = buf.readRetainedSlice(6);
        assertEquals(18, buf.readerIndex());
        assertReadable(range(data, 12, 6), s2);
        assertEquals(2, buf.refCnt());
        assertOutOfBounds(() -> buf.readSlice(19), 19);
        assertOutOfBounds(() -> buf.readRetainedSlice(19), 19);
        assertEquals(18, buf.readerIndex());
        assertEquals(2, buf.refCnt(), "a failed readRetainedSlice does not retain");
        s2.release();
        buf.release();
    }

    @Test
    default void readOnlyViewSharesContentButRejectsWrites() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer ro = buf.asReadOnly();
        assertTrue(ro.isReadOnly());
        assertFalse(buf.isReadOnly());
        assertEquals(4, ro.readerIndex());
        assertEquals(36, ro.writerIndex());
        assertReadable(range(data, 4, 32), ro);
        buf.setByte(5, 0x33);
        assertEquals(0x33, ro.getByte(5), "a live view, not a copy");
        ro.readLong();
        assertEquals(4, buf.readerIndex());
        assertEquals(1, ro.refCnt());
        assertTrue(ro.slice().isReadOnly());
        assertTrue(ro.duplicate().isReadOnly());
        ByteBuffer nio = ro.nioBuffer();
        assertTrue(nio.isReadOnly(), "NIO views of a read-only buffer are read-only");
        assertFalse(ro.hasArray(), "a read-only view does not expose a writable array");
        assertThrows(UnsupportedOperationException.class, ro::array);
        buf.release();
    }

    @ParameterizedTest
    @MethodSource("io.sluice.buffer.BufferTestData#modifications")
    default void readOnlyViewRejects(BufferOp op) {
        byte[] data = randomBytes(random(), 8);
        Buffer buf = withContent(data, CAP);
        Buffer ro = buf.asReadOnly();
        assertThrows(ReadOnlyBufferException.class, () -> op.apply(ro));
        assertReadable(data, buf);
        assertEquals(8, ro.writerIndex());
        buf.release();
    }

    @Test
    default void copyIsIndependent() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        Buffer copy = buf.copy();
        assertEquals(0, copy.readerIndex());
        assertEquals(32, copy.writerIndex());
        assertReadable(range(data, 4, 32), copy);
        assertEquals(1, copy.refCnt());
        copy.setByte(0, ~data[4]);
        assertEquals(data[4], buf.getByte(4), "writes to the copy do not reach the source");
        buf.setByte(5, ~data[5]);
        assertEquals(data[5], copy.getByte(1), "writes to the source do not reach the copy");
        Buffer part = buf.copy(20, 10);
        assertReadable(range(data, 20, 10), part);
        assertOutOfBounds(() -> buf.copy(buf.capacity() - 1, 2), buf.capacity() - 1);
        assertTrue(buf.release());
        assertEquals(1, copy.refCnt(), "the copy has its own count");
        assertEquals(data[6], copy.getByte(2));
        copy.release();
        part.release();
    }

    @Test
    default void nioBufferMatchesAndShares() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = source(data);
        ByteBuffer nio = buf.nioBuffer();
        assertEquals(32, nio.remaining());
        byte[] got = new byte[32];
        nio.duplicate().get(got);
        assertArrayEquals(range(data, 4, 32), got);
        nio.position(nio.position() + 10);
        assertEquals(4, buf.readerIndex(), "NIO position is independent");
        if (buf.nioBufferCount() == 1) {
            if (buf.isDirect()) {
                assertTrue(nio.isDirect());
            }
            buf.setByte(4, ~data[4]);
            nio.position(nio.position() - 10);
            assertEquals((byte) ~data[4], nio.get(nio.position()), "shares content with the buffer");
            nio.put(nio.position() + 1, (byte) 0x44);
            assertEquals(0x44, buf.getByte(5), "NIO writes reach the buffer");
        }
        ByteBuffer part = buf.nioBuffer(30, 6);
        assertEquals(6, part.remaining());
        assertEquals(data[31], part.get(part.position() + 1));
        assertOutOfBounds(() -> buf.nioBuffer(buf.capacity() - 2, 3), buf.capacity() - 2);
        buf.release();
    }

    @Test
    default void nioBuffersCoverTheReadableBytes() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeBytes(randomBytes(random(), buf.capacity()));
        buf.setBytes(0, data);
        ByteBuffer[] all = buf.nioBuffers();
        assertEquals(buf.nioBufferCount(), all.length, "nioBufferCount() tells how many nioBuffers() returns");
        int total = 0;
        for (ByteBuffer b : all) {
            total += b.remaining();
        }
        assertEquals(buf.capacity(), total);
        buf.setIndex(3, 36);
        ByteBuffer[] parts = buf.nioBuffers();
        byte[] joined = new byte[33];
        int at = 0;
        for (ByteBuffer b : parts) {
            int n = b.remaining();
            b.duplicate().get(joined, at, n);
            at += n;
        }
        assertEquals(33, at);
        assertArrayEquals(range(data, 3, 33), joined);
        ByteBuffer first = parts[0];
        buf.setByte(3, ~data[3]);
        assertEquals((byte) ~data[3], first.get(first.position()), "nioBuffers share content");
        ByteBuffer[] some = buf.nioBuffers(10, 5);
        int n = 0;
        for (ByteBuffer b : some) {
            n += b.remaining();
        }
        assertEquals(5, n);
        assertOutOfBounds(() -> buf.nioBuffers(buf.capacity(), 1), buf.capacity());
        buf.release();
    }

    @ParameterizedTest
    @EnumSource(Other.class)
    default void equalsHashCodeAndCompareToUseReadableBytes(Other kind) {
        byte[] data = randomBytes(random(), 20);
        Buffer buf = withContent(TestBuffers.concat(new byte[] {9, 9, 9}, data), CAP);
        buf.readerIndex(3);
        Buffer same = kind.of(data);
        assertEquals(buf, same);
        assertEquals(same, buf);
        assertEquals(buf.hashCode(), same.hashCode(), "equal content, equal hash, whatever the kind");
        assertEquals(0, buf.compareTo(same));
        assertEquals(0, buf.compareTo(buf));
        assertFalse(buf.equals(null));
        assertFalse(buf.equals("not a buffer"));

        same.setByte(19, data[19] + 1);
        assertNotEquals(buf, same);
        assertNotEquals(0, buf.compareTo(same));
        assertEquals(Integer.signum(buf.compareTo(same)), -Integer.signum(same.compareTo(buf)));
        same.release();

        Buffer shorter = kind.of(range(data, 0, 19));
        assertTrue(shorter.compareTo(buf) < 0, "a prefix sorts first");
        assertTrue(buf.compareTo(shorter) > 0);
        assertNotEquals(buf, shorter);
        shorter.release();

        Buffer high = kind.of(new byte[] {1, (byte) 0x80});
        Buffer low = kind.of(new byte[] {1, 0x7F});
        assertTrue(high.compareTo(low) > 0, "bytes compare as unsigned values");
        assertTrue(low.compareTo(high) < 0);
        high.release();
        low.release();
        buf.release();
    }

    @Test
    default void emptyBuffersAreEqual() {
        Buffer a = newBuffer(CAP, CAP);
        Buffer b = Other.DIRECT.of(new byte[0]);
        a.writeInt(5).readInt();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(0, a.compareTo(b));
        a.release();
        b.release();
    }
}
