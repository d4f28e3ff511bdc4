package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertReadable;
import static io.sluice.buffer.TestBuffers.bytesAt;
import static io.sluice.buffer.TestBuffers.concat;
import static io.sluice.buffer.TestBuffers.patternBytes;
import static io.sluice.buffer.TestBuffers.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What only a {@link CompositeBuffer} does: components, consolidation, ownership of parts. */
class CompositeBufferSpecificTest {
    private static final byte[] A = patternBytes(1, 3);
    private static final byte[] B = patternBytes(2, 5);
    private static final byte[] C = patternBytes(3, 7);

    static BufferAllocator[] allocators() {
        return new BufferAllocator[] {BufferAllocator.unpooled(), PooledBufferAllocator.builder().build()};
    }

    private static Buffer part(BufferAllocator alloc, byte[] content, boolean direct) {
        Buffer buf = direct ? alloc.directBuffer(content.length) : alloc.heapBuffer(content.length);
        return buf.writeBytes(content);
    }

    /** A composite of A, B and C; the parts are retained once more so the test can watch them. */
    private static CompositeBuffer abc(BufferAllocator alloc, Buffer[] parts) {
        parts[0] = part(alloc, A, false).retain();
        parts[1] = part(alloc, B, true).retain();
        parts[2] = part(alloc, C, false).retain();
        return alloc.compositeBuffer().addComponents(parts[0], parts[1], parts[2]);
    }

    private static void releaseAll(Buffer... parts) {
        for (Buffer p : parts) {
            assertTrue(p.release(), "the test held the last reference of " + p);
        }
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void addComponentAppendsReadableBytesAndAdvancesWriterIndex(BufferAllocator alloc) {
        CompositeBuffer composite = alloc.compositeBuffer();
        assertEquals(0, composite.numComponents());
        assertEquals(16, composite.maxNumComponents());
        Buffer first = part(alloc, concat(new byte[] {9, 9}, A), false);
        first.readerIndex(2);
        assertSame(composite, composite.addComponent(first));
        assertEquals(1, composite.numComponents());
        assertEquals(3, composite.writerIndex(), "writer index advances past the added bytes");
        assertEquals(3, composite.capacity());
        composite.addComponent(part(alloc, B, true));
        assertEquals(8, composite.writerIndex());
        assertReadable(concat(A, B), composite);
        composite.addComponent(0, part(alloc, C, false));
        assertEquals(3, composite.numComponents());
        assertEquals(15, composite.capacity());
        assertEquals(15, composite.writerIndex(), "inserting also advances the writer index");
        assertArrayEquals(concat(C, A, B), bytesAt(composite, 0, 15));
        assertTrue(composite.release());
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void componentViewsAndLookup(BufferAllocator alloc) {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(alloc, parts);
        assertReadable(A, composite.component(0));
        assertReadable(B, composite.component(1));
        assertReadable(C, composite.component(2));
        Buffer view = composite.component(1);
        assertEquals(2, parts[1].refCnt(), "component views are not retained");
        view.setByte(0, 0x5C);
        assertEquals(0x5C, composite.getByte(3), "a view, not a copy");
        int[] expected = {0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2};
        for (int offset = 0; offset < 15; offset++) {
            assertEquals(expected[offset], composite.toComponentIndex(offset), "offset " + offset);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> composite.toComponentIndex(15));
        assertThrows(IndexOutOfBoundsException.class, () -> composite.toComponentIndex(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> composite.component(3));
        assertThrows(IndexOutOfBoundsException.class, () -> composite.component(-1));
        assertTrue(composite.release());
        releaseAll(parts);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void removeComponentReleasesItAndCutsItsBytesOut(BufferAllocator alloc) {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(alloc, parts);
        composite.setIndex(10, 15);
        composite.removeComponent(1);
        assertEquals(1, parts[1].refCnt(), "the removed component was released");
        assertEquals(2, composite.numComponents());
        assertEquals(10, composite.capacity());
        assertEquals(5, composite.readerIndex(), "indexes move as if the bytes were cut out");
        assertEquals(10, composite.writerIndex());
        assertArrayEquals(concat(A, C), bytesAt(composite, 0, 10));
        composite.setIndex(1, 2);
        composite.removeComponent(0);
        assertEquals(0, composite.readerIndex());
        assertEquals(0, composite.writerIndex());
        assertTrue(composite.writerIndex() <= composite.capacity());
        assertArrayEquals(C, bytesAt(composite, 0, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> composite.removeComponent(1));
        assertTrue(composite.release());
        releaseAll(parts);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void consolidateKeepsContentAndIndexes(BufferAllocator alloc) {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(alloc, parts);
        composite.setIndex(2, 12);
        assertSame(composite, composite.consolidate());
        assertEquals(1, composite.numComponents());
        assertEquals(15, composite.capacity());
        assertEquals(2, composite.readerIndex());
        assertEquals(12, composite.writerIndex());
        assertArrayEquals(concat(A, B, C), bytesAt(composite, 0, 15));
        for (Buffer p : parts) {
            assertEquals(1, p.refCnt(), "old components are released");
        }
        assertEquals(1, composite.nioBufferCount());
        assertTrue(composite.release());
        releaseAll(parts);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void exceedingTheMaximumConsolidatesEverything(BufferAllocator alloc) {
        CompositeBuffer composite = alloc.compositeBuffer(3);
        assertEquals(3, composite.maxNumComponents());
        composite.addComponents(part(alloc, A, false), part(alloc, B, true), part(alloc, C, false));
        assertEquals(3, composite.numComponents());
        byte[] d = patternBytes(4, 11);
        composite.addComponent(part(alloc, d, true));
        assertEquals(1, composite.numComponents(), "all four merged into one, as Netty does");
        assertEquals(26, composite.writerIndex());
        assertReadable(concat(A, B, C, d), composite);
        assertTrue(composite.release());
        assertThrows(IllegalArgumentException.class, () -> alloc.compositeBuffer(0));
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void nioBuffersAreOnePerComponentAndShareContent(BufferAllocator alloc) {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(alloc, parts);
        assertEquals(3, composite.nioBufferCount());
        ByteBuffer[] nio = composite.nioBuffers();
        assertEquals(3, nio.length);
        byte[][] expected = {A, B, C};
        for (int i = 0; i < 3; i++) {
            byte[] got = new byte[nio[i].remaining()];
            nio[i].duplicate().get(got);
            assertArrayEquals(expected[i], got, "component " + i);
        }
        parts[2].setByte(0, 0x77);
        assertEquals(0x77, nio[2].get(nio[2].position()));
        ByteBuffer merged = composite.nioBuffer();
        assertEquals(15, merged.remaining());
        composite.readerIndex(4);
        assertEquals(2, composite.nioBuffers().length, "only components holding readable bytes");
        assertTrue(composite.release());
        releaseAll(parts);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void releasingTheCompositeReleasesItsComponents(BufferAllocator alloc) {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(alloc, parts);
        Buffer slice = composite.retainedSlice(2, 5);
        assertFalse(composite.release());
        assertEquals(2, parts[0].refCnt(), "components live while a retained slice does");
        assertTrue(slice.release());
        for (Buffer p : parts) {
            assertEquals(1, p.refCnt());
        }
        releaseAll(parts);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void discardReadComponentsDropsWholeReadComponents(BufferAllocator alloc) {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(alloc, parts);
        composite.readerIndex(4);
        composite.discardReadComponents();
        assertEquals(2, composite.numComponents());
        assertEquals(1, parts[0].refCnt(), "the read component was released");
        assertEquals(1, composite.readerIndex());
        assertEquals(12, composite.writerIndex());
        assertEquals(12, composite.capacity());
        assertReadable(concat(range(B, 1, 4), C), composite);
        assertTrue(composite.release());
        releaseAll(parts);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void writingPastTheEndAddsAComponent(BufferAllocator alloc) {
        CompositeBuffer composite = alloc.compositeBuffer();
        composite.addComponent(part(alloc, A, false));
        composite.writeInt(0x0A0B0C0D);
        assertTrue(composite.numComponents() >= 2);
        assertTrue(composite.capacity() >= 7);
        assertEquals(7, composite.writerIndex());
        assertReadable(concat(A, new byte[] {0x0A, 0x0B, 0x0C, 0x0D}), composite);
        byte[] big = patternBytes(5, 5000);
        composite.writeBytes(big);
        assertReadable(concat(A, new byte[] {0x0A, 0x0B, 0x0C, 0x0D}, big), composite);
        assertTrue(composite.release());
    }

    @Test
    void equalsAFlatBufferWithTheSameBytes() {
        Buffer[] parts = new Buffer[3];
        CompositeBuffer composite = abc(BufferAllocator.unpooled(), parts);
        Buffer flat = Buffers.copyOf(concat(A, B, C));
        assertEquals(flat, composite);
        assertEquals(flat.hashCode(), composite.hashCode());
        assertEquals(0, composite.compareTo(flat));
        flat.release();
        assertTrue(composite.release());
        releaseAll(parts);
    }
}
