package io.sluice.handler.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.WriteBufferWaterMark;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class ChunkedWriteHandlerTest {
    private static final byte[] DATA = new byte[50_000];

    static {
        new Random(12).nextBytes(DATA);
    }

    @TempDir
    Path dir;

    private static byte[] drain(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = ch.readOutbound()) != null; ) {
            if (msg instanceof Buffer b) {
                out.writeBytes(Buffers.toByteArray(b));
                b.release();
            }
        }
        return out.toByteArray();
    }

    /** A stream that hands out at most {@code max} bytes per read: byte by byte when max is 1. */
    private static InputStream trickle(byte[] data, int max) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void sendsAFileInChunksWithProgressThenCompletesAndCloses() throws Exception {
        Path file = Files.write(dir.resolve("data"), DATA);
        List<long[]> progress = new ArrayList<>();
        ChunkedSource source = ChunkedSource.of(file, 8192).onProgress((sent, total) -> progress.add(new long[] {sent, total}));
        EmbeddedChannel ch = new EmbeddedChannel(ChunkedWriteHandler.create());
        ChannelFuture done = ch.writeAndFlush(source);
        ch.runPendingTasks();
        assertTrue(done.isSuccess());
        assertArrayEquals(DATA, drain(ch));
        assertEquals(7, progress.size()); // six full chunks and a short one
        assertArrayEquals(new long[] {50_000, 50_000}, progress.get(6));
        assertArrayEquals(new long[] {8192, 50_000}, progress.get(0));
        ch.finish();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100_000})
    void sendsAStreamAndAPlainChannelWholeOrInTrickles(int bytesPerRead) {
        for (boolean asChannel : new boolean[] {false, true}) {
            InputStream in = trickle(DATA, bytesPerRead);
            ChunkedSource source = asChannel ? ChunkedSource.of(Channels.newChannel(in), 4096)
                    : ChunkedSource.of(in, 4096);
            EmbeddedChannel ch = new EmbeddedChannel(ChunkedWriteHandler.create());
            ChannelFuture done = ch.writeAndFlush(source);
            ch.runPendingTasks();
            assertTrue(done.isSuccess(), "channel=" + asChannel);
            assertArrayEquals(DATA, drain(ch), "channel=" + asChannel);
            ch.finish();
        }
    }

    @Test
    void readsAheadOnlyWhileTheChannelIsWritable() throws Exception {
        Path file = Files.write(dir.resolve("data"), DATA);
        ChunkedSource source = ChunkedSource.of(file, 1000);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().option(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.of(2000, 4000));
        ch.pipeline().addLast(ChunkedWriteHandler.create());
        ch.stallOutput(true); // a peer that does not read
        ChannelFuture done = ch.writeAndFlush(source);
        assertFalse(ch.isWritable());
        assertTrue(source.readBytes() <= 5000, "read ahead " + source.readBytes() + " bytes past the watermark");
        ch.stallOutput(false); // drains: writability returns and the transfer goes on
        ch.runPendingTasks();
        assertTrue(done.isSuccess());
        assertArrayEquals(DATA, drain(ch));
        ch.finish();
    }

    @Test
    void aSourceThatThrowsFailsThePromiseAndIsClosed() {
        IOException boom = new IOException("disk gone");
        boolean[] closed = {false};
        InputStream failing = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw boom; // and on every read after: a source that stays broken
                }
                left--;
                return 1;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(ChunkedWriteHandler.create());
        ChannelFuture done = ch.writeAndFlush(ChunkedSource.of(failing, 4096));
        ch.runPendingTasks();
        assertSame(boom, done.cause());
        assertTrue(closed[0]);
        assertEquals(8192, drain(ch).length, "the chunks read before the failure were sent");
        assertTrue(ch.isOpen());
        ch.finish();
    }

    @Test
    void aTruncatedFileFailsWithTheExpectedLength() throws Exception {
        Path file = Files.write(dir.resolve("short"), new byte[100]);
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ);
        EmbeddedChannel ch = new EmbeddedChannel(ChunkedWriteHandler.create());
        ChannelFuture done = ch.writeAndFlush(ChunkedSource.of(fc, 0, 500, 4096));
        ch.runPendingTasks();
        EOFException e = assertInstanceOf(EOFException.class, done.cause());
        assertEquals("source: 100 bytes (expected: 500)", e.getMessage());
        assertFalse(fc.isOpen());
        drain(ch);
        ch.finish();
    }

    @Test
    void writesBehindASourceKeepTheirOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(ChunkedWriteHandler.create());
        ch.write(ChunkedSource.of(new ByteArrayInputStream(DATA), 8192));
        ch.write(Buffers.copyOf(new byte[] {42}));
        ch.flush();
        ch.runPendingTasks();
        byte[] all = drain(ch);
        assertEquals(DATA.length + 1, all.length);
        assertEquals(42, all[DATA.length]);
    }

    @Test
    void closingFailsWhatIsQueuedAndClosesTheSource() throws Exception {
        Path file = Files.write(dir.resolve("data"), DATA);
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().option(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.of(2000, 4000));
        ch.pipeline().addLast(ChunkedWriteHandler.create());
        ch.stallOutput(true);
        ChannelFuture done = ch.writeAndFlush(ChunkedSource.of(fc, 0, DATA.length, 1000));
        ChannelFuture behind = ch.writeAndFlush(Buffers.copyOf(new byte[] {1}));
        ch.close();
        ch.runPendingTasks();
        assertInstanceOf(ClosedChannelException.class, behind.cause());
        assertTrue(done.isDone() && !done.isSuccess());
        assertFalse(fc.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aNonBlockingSourceWithNothingYetWaitsForResume() {
        ByteBuffer[] parts = {ByteBuffer.wrap(new byte[] {1, 2, 3})};
        boolean[] available = {false};
        boolean[] open = {true};
        ReadableByteChannel later = new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) {
                if (!available[0]) {
                    return 0;
                }
                if (!parts[0].hasRemaining()) {
                    return -1;
                }
                int n = Math.min(dst.remaining(), parts[0].remaining());
                dst.put(parts[0].slice().limit(n));
                parts[0].position(parts[0].position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return open[0];
            }

            @Override
            public void close() {
                open[0] = false;
            }
        };
        ChunkedWriteHandler handler = ChunkedWriteHandler.create();
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ChannelFuture done = ch.writeAndFlush(ChunkedSource.of(later, 16));
        assertFalse(done.isDone());
        available[0] = true;
        handler.resumeTransfer();
        ch.runPendingTasks();
        assertTrue(done.isSuccess());
        assertArrayEquals(new byte[] {1, 2, 3}, drain(ch));
        assertFalse(open[0]);
        ch.finish();
    }
}
