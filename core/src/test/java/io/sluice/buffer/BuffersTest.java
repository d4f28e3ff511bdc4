package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertReadable;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class BuffersTest {

    @Test
    void wrapArrayDoesNotCopy() {
        byte[] array = {1, 2, 3, 4, 5};
        Buffer buf = Buffers.wrap(array);
        assertEquals(0, buf.readerIndex());
        assertEquals(5, buf.writerIndex());
        assertEquals(5, buf.capacity());
        assertFalse(buf.isDirect());
        array[2] = 42;
        assertEquals(42, buf.getByte(2));
        buf.setByte(0, 7);
        assertEquals(7, array[0]);
        assertEquals(1, buf.refCnt());
        assertTrue(buf.release());
    }

    @Test
    void wrapArrayRegion() {
        byte[] array = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Buffer buf = Buffers.wrap(array, 3, 4);
        assertEquals(4, buf.capacity());
        assertEquals(4, buf.readableBytes());
        assertReadable(new byte[] {3, 4, 5, 6}, buf);
        assertSame(array, buf.array());
        assertEquals(3, buf.arrayOffset());
        assertThrows(IndexOutOfBoundsException.class, () -> buf.getByte(4), "no access past the region");
        assertThrows(IndexOutOfBoundsException.class, () -> buf.getByte(-1), "no access before the region");
        buf.setByte(0, 99);
        assertEquals(99, array[3]);
        buf.release();
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.wrap(array, 8, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.wrap(array, -1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.wrap(array, 2, -1));
    }

    @Test
    void copyOfArrayRegionCopies() {
        byte[] array = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Buffer buf = Buffers.copyOf(array, 3, 4);
        assertReadable(new byte[] {3, 4, 5, 6}, buf);
        array[3] = 42;
        buf.setByte(1, 99);
        assertEquals(3, buf.getByte(0), "the array's later writes do not show");
        assertEquals(4, array[4], "the buffer's writes do not reach the array");
        buf.release();
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.copyOf(array, 8, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.copyOf(array, -1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.copyOf(array, 2, -1));
    }

    @Test
    void wrapHeapByteBufferSharesItsRemainingBytes() {
        byte[] array = {0, 1, 2, 3, 4, 5, 6, 7};
        ByteBuffer bb = ByteBuffer.wrap(array);
        bb.position(2).limit(6);
        Buffer buf = Buffers.wrap(bb);
        assertEquals(2, bb.position(), "position is not changed");
        assertEquals(6, bb.limit());
        assertReadable(new byte[] {2, 3, 4, 5}, buf);
        array[3] = 33;
        assertEquals(33, buf.getByte(1), "no copy");
        buf.release();
    }

    @Test
    void wrapDirectByteBufferSharesItsRemainingBytes() {
        ByteBuffer bb = ByteBuffer.allocateDirect(8);
        for (int i = 0; i < 8; i++) {
            bb.put(i, (byte) i);
        }
        bb.position(1).limit(5);
        Buffer buf = Buffers.wrap(bb);
        assertTrue(buf.isDirect());
        assertEquals(4, buf.writerIndex());
        assertReadable(new byte[] {1, 2, 3, 4}, buf);
        bb.put(2, (byte) 22);
        assertEquals(22, buf.getByte(1), "no copy");
        buf.setByte(3, 44);
        assertEquals(44, bb.get(4));
        assertEquals(1, bb.position());
        buf.release();
    }

    @Test
    void wrapReadOnlyByteBufferIsReadOnlyAndNotACopy() {
        byte[] array = {10, 11, 12, 13};
        Buffer heap = Buffers.wrap(ByteBuffer.wrap(array).asReadOnlyBuffer());
        ByteBuffer directBacking = ByteBuffer.allocateDirect(4);
        Buffer direct = Buffers.wrap(directBacking.asReadOnlyBuffer());
        try {
            for (Buffer buf : new Buffer[] {heap, direct}) {
                assertTrue(buf.isReadOnly(), "wrapping a read-only ByteBuffer gives a read-only buffer");
                assertThrows(ReadOnlyBufferException.class, () -> buf.setByte(0, 1));
                assertEquals(4, buf.readableBytes());
            }
            array[1] = 99;
            assertEquals(99, heap.getByte(1), "wrap does not copy");
            directBacking.put(2, (byte) 77);
            assertEquals(77, direct.getByte(2), "wrap does not copy");
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void copyOfIsIndependent() {
        byte[] array = {1, 2, 3};
        Buffer copy = Buffers.copyOf(array);
        array[0] = 9;
        assertReadable(new byte[] {1, 2, 3}, copy);
        copy.setByte(1, 8);
        assertEquals(2, array[1]);
        assertFalse(copy.isDirect());
        copy.release();

        Buffer text = Buffers.copyOf("h\u00e9!", UTF_8);
        assertReadable(new byte[] {'h', (byte) 0xC3, (byte) 0xA9, '!'}, text);
        assertEquals("h\u00e9!", text.toString(UTF_8));
        text.release();
        Buffer latin = Buffers.copyOf(new StringBuilder("\u00e9"), ISO_8859_1);
        assertReadable(new byte[] {(byte) 0xE9}, latin);
        latin.release();

        ByteBuffer direct = ByteBuffer.allocateDirect(6);
        direct.put(new byte[] {1, 2, 3, 4, 5, 6}).position(2).limit(5);
        Buffer fromNio = Buffers.copyOf(direct);
        assertEquals(2, direct.position(), "the position is kept");
        assertReadable(new byte[] {3, 4, 5}, fromNio);
        direct.put(2, (byte) 0);
        assertEquals(3, fromNio.getByte(0));
        fromNio.release();
    }

    @Test
    void toByteArrayCopiesTheReadableBytes() {
        Buffer buf = Buffers.copyOf(new byte[] {1, 2, 3, 4, 5});
        buf.readerIndex(1).writerIndex(4);
        byte[] bytes = Buffers.toByteArray(buf);
        assertArrayEquals(new byte[] {2, 3, 4}, bytes);
        assertEquals(1, buf.readerIndex());
        bytes[0] = 0;
        assertEquals(2, buf.getByte(1));
        buf.readerIndex(4);
        assertArrayEquals(new byte[0], Buffers.toByteArray(buf));
        buf.release();
    }

    @Test
    void hexDump() {
        Buffer buf = Buffers.copyOf(new byte[] {0, 1, 0x0f, 0x10, 0x7f, (byte) 0x80, (byte) 0xab, (byte) 0xff});
        assertEquals("00010f107f80abff", Buffers.hexDump(buf));
        buf.readerIndex(2).writerIndex(5);
        assertEquals("0f107f", Buffers.hexDump(buf));
        assertEquals("0001", Buffers.hexDump(buf, 0, 2), "absolute index");
        assertEquals("", Buffers.hexDump(buf, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Buffers.hexDump(buf, 7, 2));
        buf.readerIndex(5);
        assertEquals("", Buffers.hexDump(buf));
        buf.release();
    }

    @Test
    void prettyHexDumpOfPartialRows() {
        Buffer buf = Buffers.copyOf("xxHello, \u0001World!\n0123456789abcdef~\u007f", ISO_8859_1);
        buf.readerIndex(2);
        String expected = ""
                + "00000000  48 65 6c 6c 6f 2c 20 01 57 6f 72 6c 64 21 0a 30  |Hello, .World!.0|\n"
                + "00000010  31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 7e  |123456789abcdef~|\n"
                + "00000020  7f" + " ".repeat(15 * 3) + "  |.|\n";
        assertEquals(expected, Buffers.prettyHexDump(buf));
        assertEquals(2, buf.readerIndex());
        buf.writerIndex(2);
        assertEquals("", Buffers.prettyHexDump(buf));
        buf.release();
    }

    @Test
    void prettyHexDumpOfOneFullRowAndOfHighBytes() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) (0xF0 + i);
        }
        Buffer buf = Buffers.wrap(bytes);
        assertEquals("00000000  f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 fa fb fc fd fe ff  |................|\n",
                Buffers.prettyHexDump(buf));
        buf.release();
    }
}
