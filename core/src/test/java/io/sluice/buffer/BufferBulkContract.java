package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertOutOfBounds;
import static io.sluice.buffer.TestBuffers.assertReadable;
import static io.sluice.buffer.TestBuffers.bytesAt;
import static io.sluice.buffer.TestBuffers.concat;
import static io.sluice.buffer.TestBuffers.fillCapacity;
import static io.sluice.buffer.TestBuffers.randomBytes;
import static io.sluice.buffer.TestBuffers.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.buffer.TestBuffers.Other;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bulk transfers: arrays, NIO buffers, other buffers, streams, channels, zero fill. */
interface BufferBulkContract extends BufferContractSupport {

    @Test
    default void bytesToAndFromArrays() {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = newBuffer(CAP, CAP);
        assertSame(buf, buf.setBytes(3, data, 5, 30));
        byte[] dst = new byte[34];
        buf.getBytes(3, dst, 2, 30);
        assertArrayEquals(range(data, 5, 30), range(dst, 2, 30));
        buf.setBytes(0, data);
        byte[] all = new byte[40];
        buf.getBytes(0, all);
        assertArrayEquals(data, all);
        assertEquals(0, buf.readerIndex());
        assertEquals(0, buf.writerIndex());

        buf.clear().writeBytes(data, 10, 20).writeBytes(data);
        assertEquals(60, buf.writerIndex());
        byte[] read = new byte[25];
        buf.readBytes(read, 5, 20);
        assertArrayEquals(range(data, 10, 20), range(read, 5, 20));
        byte[] rest = new byte[40];
        buf.readBytes(rest);
        assertArrayEquals(data, rest);
        assertEquals(60, buf.readerIndex());
        buf.release();
    }

    @Test
    default void arrayTransfersCheckBounds() {
        Buffer buf = newBuffer(CAP, CAP);
        int cap = buf.capacity();
        byte[] arr = new byte[10];
        assertOutOfBounds(() -> buf.getBytes(cap - 5, arr), cap - 5, cap);
        assertOutOfBounds(() -> buf.getBytes(-1, arr), -1);
        assertOutOfBounds(() -> buf.getBytes(0, arr, 5, 6));
        assertOutOfBounds(() -> buf.getBytes(0, arr, -1, 2));
        assertOutOfBounds(() -> buf.getBytes(0, arr, 0, -1));
        assertOutOfBounds(() -> buf.getBytes(1, new byte[0], 0, Integer.MAX_VALUE), Integer.MAX_VALUE);
        assertOutOfBounds(() -> buf.setBytes(cap - 9, arr), cap - 9, cap);
        assertOutOfBounds(() -> buf.setBytes(0, arr, 8, 3));
        assertOutOfBounds(() -> buf.setBytes(Integer.MAX_VALUE, arr, 0, 2), Integer.MAX_VALUE);
        buf.writeZero(4);
        assertOutOfBounds(() -> buf.readBytes(new byte[5]), 5);
        assertEquals(0, buf.readerIndex());
        buf.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "direct", "heap-slice", "read-only-heap"})
    default void bytesToAndFromNioBuffers(String kind) {
        byte[] data = randomBytes(random(), 48);
        Buffer buf = newBuffer(CAP, CAP);
        ByteBuffer src = nio(kind, data);
        src.position(4).limit(36);
        buf.setBytes(2, src);
        assertEquals(36, src.position(), "source position advances to the limit");
        assertArrayEquals(range(data, 4, 32), bytesAt(buf, 2, 32));

        ByteBuffer dst = kind.startsWith("direct") ? ByteBuffer.allocateDirect(40) : ByteBuffer.allocate(40);
        dst.position(3).limit(23);
        buf.getBytes(2, dst);
        assertEquals(23, dst.position());
        byte[] got = new byte[20];
        dst.position(3);
        dst.get(got);
        assertArrayEquals(range(data, 4, 20), got);

        src.position(0).limit(48);
        buf.clear().writeBytes(src);
        assertEquals(48, buf.writerIndex());
        assertEquals(48, src.position());
        ByteBuffer out = ByteBuffer.allocate(48);
        buf.readBytes(out);
        assertEquals(48, buf.readerIndex());
        assertArrayEquals(data, out.array());
        assertOutOfBounds(() -> buf.getBytes(buf.capacity() - 1, ByteBuffer.allocate(2)), buf.capacity() - 1);
        ByteBuffer big = ByteBuffer.allocate(buf.capacity() + 1);
        assertOutOfBounds(() -> buf.setBytes(0, big));
        assertEquals(0, big.position(), "failed transfer leaves the source alone");
        buf.release();
    }

    private static ByteBuffer nio(String kind, byte[] data) {
        switch (kind) {
            case "heap":
                return ByteBuffer.wrap(data.clone());
            case "direct":
                return ByteBuffer.allocateDirect(data.length).put(data).clear();
            case "heap-slice": {
                ByteBuffer bigger = ByteBuffer.allocate(data.length + 7);
                bigger.position(7);
                ByteBuffer slice = bigger.slice();
                slice.put(data).clear();
                return slice;
            }
            default:
                return ByteBuffer.wrap(data.clone()).asReadOnlyBuffer();
        }
    }

    @ParameterizedTest
    @EnumSource(Other.class)
    default void bytesToAndFromOtherBuffers(Other kind) {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = newBuffer(CAP, CAP);
        Buffer src = kind.of(data);
        src.readerIndex(1);
        buf.setBytes(5, src, 3, 30);
        assertArrayEquals(range(data, 3, 30), bytesAt(buf, 5, 30));
        assertEquals(1, src.readerIndex(), "setBytes leaves the source indexes alone");
        assertEquals(40, src.writerIndex());

        Buffer dst = kind.empty(CAP);
        buf.getBytes(5, dst, 7, 30);
        assertArrayEquals(range(data, 3, 30), bytesAt(dst, 7, 30));
        assertEquals(0, dst.writerIndex(), "getBytes leaves the destination indexes alone");

        buf.clear().writeBytes(src, 9);
        assertEquals(10, src.readerIndex());
        buf.writeBytes(src, 0, 5);
        assertEquals(10, src.readerIndex());
        buf.writeBytes(src);
        assertEquals(40, src.readerIndex());
        assertReadable(concat(range(data, 1, 9), range(data, 0, 5), range(data, 10, 30)), buf);

        dst.clear();
        buf.readBytes(dst, 20);
        assertEquals(20, buf.readerIndex());
        assertEquals(20, dst.writerIndex());
        assertReadable(concat(range(data, 1, 9), range(data, 0, 5), range(data, 10, 6)), dst);
        Buffer copy = buf.readBytes(10);
        assertReadable(range(data, 16, 10), copy);
        assertEquals(30, buf.readerIndex());
        assertEquals(1, copy.refCnt());

        assertOutOfBounds(() -> buf.setBytes(0, src, 35, 10));
        assertOutOfBounds(() -> buf.getBytes(buf.capacity() - 3, dst, 0, 4));
        assertOutOfBounds(() -> buf.readBytes(dst, buf.readableBytes() + 1));
        copy.release();
        dst.release();
        src.release();
        buf.release();
    }

    @Test
    default void bytesToAndFromStreams() throws IOException {
        byte[] data = randomBytes(random(), 50);
        Buffer buf = withContent(data, CAP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buf.getBytes(10, out, 20);
        assertEquals(0, buf.readerIndex());
        buf.readerIndex(5);
        buf.readBytes(out, 30);
        assertEquals(35, buf.readerIndex());
        assertArrayEquals(concat(range(data, 10, 20), range(data, 5, 30)), out.toByteArray());

        ByteArrayInputStream in = new ByteArrayInputStream(data);
        buf.clear();
        int total = 0;
        for (int i = 0; i < 100 && total < 50; i++) {
            int n = buf.setBytes(total, in, 50 - total);
            assertTrue(n > 0, "read " + n);
            total += n;
        }
        assertArrayEquals(data, bytesAt(buf, 0, 50));
        assertEquals(-1, buf.setBytes(0, in, 10), "end of stream");
        assertEquals(0, buf.writerIndex(), "setBytes leaves the writer index alone");

        ByteArrayInputStream in2 = new ByteArrayInputStream(data, 0, 12);
        assertEquals(12, readFully(buf, in2, 12));
        assertEquals(12, buf.writerIndex());
        assertEquals(-1, buf.writeBytes(in2, 5));
        assertEquals(12, buf.writerIndex());
        assertReadable(range(data, 0, 12), buf);
        buf.release();
    }

    private static int readFully(Buffer buf, InputStream in, int length) throws IOException {
        int total = 0;
        for (int i = 0; i < 100 && total < length; i++) {
            int n = buf.writeBytes(in, length - total);
            assertTrue(n > 0, "read " + n);
            total += n;
        }
        return total;
    }

    @Test
    default void bytesToAndFromFileChannel(@TempDir Path dir) throws IOException {
        byte[] data = randomBytes(random(), 50);
        Buffer buf = withContent(data, CAP);
        Path file = dir.resolve("bytes.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            int done = 0;
            for (int i = 0; i < 100 && done < 20; i++) {
                done += buf.getBytes(5 + done, ch, 20 - done);
            }
            assertEquals(0, buf.readerIndex());
            buf.readerIndex(25);
            for (int i = 0; i < 100 && buf.isReadable(); i++) {
                int n = buf.readBytes(ch, buf.readableBytes());
                assertTrue(n >= 0);
            }
            assertEquals(50, buf.readerIndex());
        }
        assertArrayEquals(concat(range(data, 5, 20), range(data, 25, 25)), Files.readAllBytes(file));

        buf.clear();
        fillCapacity(buf, (byte) 0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = buf.setBytes(3, ch, 10);
            assertTrue(n > 0 && n <= 10, "read " + n);
            assertArrayEquals(range(data, 5, n), bytesAt(buf, 3, n));
            assertEquals(0, buf.writerIndex());
            int total = n;
            for (int i = 0; i < 100 && total < 45; i++) {
                int m = buf.writeBytes(ch, 45 - total);
                assertTrue(m > 0, "read " + m);
                total += m;
            }
            assertEquals(45 - n, buf.writerIndex());
            assertEquals(-1, buf.writeBytes(ch, 5), "end of file");
            assertEquals(-1, buf.setBytes(0, ch, 5), "end of file");
        }
        buf.release();
    }

    @Test
    default void bytesThroughPipe() throws IOException {
        byte[] data = randomBytes(random(), 40);
        Buffer buf = withContent(data, CAP);
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            sink.configureBlocking(false); // never block: a broken implementation fails, not hangs
            source.configureBlocking(false);
            int written = 0;
            for (int i = 0; i < 100 && written < 40; i++) {
                written += buf.readBytes(sink, 40 - written);
            }
            assertEquals(40, buf.readerIndex());
            buf.clear();
            int read = 0;
            for (int i = 0; i < 100 && read < 40; i++) {
                int n = buf.writeBytes(source, 40 - read);
                assertTrue(n >= 0, "read " + n);
                read += n;
            }
            assertReadable(data, buf);
        }
        buf.release();
    }

    @Test
    default void setZeroAndWriteZero() {
        Buffer buf = newBuffer(CAP, CAP);
        fillCapacity(buf, (byte) 0xFF);
        assertSame(buf, buf.setZero(3, 21));
        for (int i = 0; i < buf.capacity(); i++) {
            assertEquals(i >= 3 && i < 24 ? 0 : -1, buf.getByte(i), "byte " + i);
        }
        buf.setZero(buf.capacity(), 0);
        assertOutOfBounds(() -> buf.setZero(buf.capacity() - 2, 3), buf.capacity() - 2);
        assertOutOfBounds(() -> buf.setZero(-1, 3), -1);
        buf.writerIndex(30);
        buf.writeZero(15);
        assertEquals(45, buf.writerIndex());
        for (int i = 30; i < 45; i++) {
            assertEquals(0, buf.getByte(i));
        }
        assertEquals(-1, buf.getByte(45));
        buf.release();
    }

    @Test
    default void writeZeroGrows() {
        assumeTrue(canGrow(), "fixed capacity");
        Buffer buf = newBuffer(8, 4096);
        buf.writeByte(7).writeZero(3000);
        assertEquals(3001, buf.writerIndex());
        assertTrue(buf.capacity() >= 3001);
        assertEquals(7, buf.getByte(0));
        for (int i = 1; i < 3001; i++) {
            assertEquals(0, buf.getByte(i));
        }
        buf.release();
    }
}
