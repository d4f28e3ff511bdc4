package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Watermarks, message sizes, user-defined writability, read suspension, and pending writes at close. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WritabilityTest {
    /** The writability seen by each channelWritabilityChanged call. */
    private final List<Boolean> changes = new CopyOnWriteArrayList<>();
    private final OutboundVisibleChannel ch = new OutboundVisibleChannel(new ChannelHandler() {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            changes.add(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }
    });

    WritabilityTest() {
        assertTrue(ch.config().option(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.of(8, 16)));
        ch.stallOutput(true);
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private static Buffer bytes(int n) {
        return Buffers.copyOf(new byte[n]);
    }

    @Test
    void crossingTheHighWatermarkMakesTheChannelUnwritableOnce() {
        assertTrue(ch.isWritable());
        assertEquals(17, ch.bytesBeforeUnwritable(), "high + 1: more than high pending turns it unwritable");
        ch.writeAndFlush(bytes(10));
        assertEquals(7, ch.bytesBeforeUnwritable());
        ch.write(bytes(6)); // unflushed writes count too
        assertTrue(ch.isWritable(), "exactly at the high watermark is still writable");
        assertEquals(1, ch.bytesBeforeUnwritable());
        assertEquals(List.of(), changes);

        ch.write(bytes(1));
        assertFalse(ch.isWritable());
        assertEquals(0, ch.bytesBeforeUnwritable());
        assertEquals(List.of(false), changes);
        ch.write(bytes(5));
        assertEquals(List.of(false), changes, "fired once per change");
    }

    @Test
    void drainingToTheLowWatermarkMakesItWritableAgainOnce() {
        ch.write(bytes(10));
        ch.write(bytes(6));
        ch.write(bytes(4)); // 20 pending
        ch.flush();
        assertFalse(ch.isWritable());
        ChannelOutboundBuffer out = ch.outbound();
        assertEquals(20, out.pendingBytes());
        assertTrue(out.remove()); // 10 sent: 10 pending, between the watermarks
        assertFalse(ch.isWritable(), "still unwritable above the low watermark");
        assertEquals(List.of(false), changes);
        assertTrue(out.remove()); // 4 pending
        assertTrue(ch.isWritable());
        assertEquals(List.of(false, true), changes);
        ch.stallOutput(false);
        assertEquals(List.of(false, true), changes);
        assertEquals(1, ch.outboundMessages().size(), "the last 4 bytes were sent");
    }

    @Test
    void sendingEverythingRestoresWritability() {
        ch.writeAndFlush(bytes(20));
        assertFalse(ch.isWritable());
        ch.stallOutput(false);
        assertTrue(ch.isWritable());
        assertEquals(17, ch.bytesBeforeUnwritable());
        assertEquals(List.of(false, true), changes);
        Buffer sent = ch.readOutbound();
        assertEquals(20, sent.readableBytes());
        sent.release();
    }

    @Test
    void userDefinedBitsMakeTheChannelUnwritableRegardlessOfBytes() {
        ch.userDefinedWritability(1, false);
        assertFalse(ch.isWritable());
        assertEquals(0, ch.bytesBeforeUnwritable());
        assertEquals(List.of(false), changes);
        ch.userDefinedWritability(31, false);
        ch.userDefinedWritability(1, true);
        assertFalse(ch.isWritable(), "every bit must be writable");
        ch.writeAndFlush(bytes(20));
        ch.stallOutput(false);
        assertFalse(ch.isWritable(), "draining bytes does not clear a user bit");
        assertEquals(List.of(false), changes);
        ch.userDefinedWritability(31, true);
        assertTrue(ch.isWritable());
        assertEquals(List.of(false, true), changes);
        ch.userDefinedWritability(31, true);
        assertEquals(List.of(false, true), changes, "no change, no event");
        assertThrows(IllegalArgumentException.class, () -> ch.userDefinedWritability(0, false));
        assertThrows(IllegalArgumentException.class, () -> ch.userDefinedWritability(32, false));
        assertThrows(IllegalArgumentException.class, () -> ch.userDefinedWritability(-1, true));
        assertTrue(ch.isWritable());
    }

    // ---- read suspension -------------------------------------------------------------------------

    private void suspendReads(boolean suspend) {
        assertTrue(ch.config().option(ChannelOption.SUSPEND_READ_WHEN_UNWRITABLE, suspend));
    }

    @Test
    void anUnwritableChannelStopsReadingUntilWritable() {
        suspendReads(true);
        int reads = ch.readRequests();
        ch.writeAndFlush(bytes(17));
        assertTrue(ch.isReadingSuspended());
        ch.read();
        assertEquals(reads, ch.readRequests(), "no read while suspended");
        ch.writeInbound("x"); // read complete: auto-read is suspended too
        assertEquals("x", ch.readInbound());
        assertEquals(reads, ch.readRequests());

        ch.stallOutput(false);
        assertFalse(ch.isReadingSuspended());
        assertEquals(reads + 1, ch.readRequests(), "reading resumes once writable");
        ch.read();
        assertEquals(reads + 2, ch.readRequests());
    }

    @Test
    void aUserDefinedBitSuspendsReadingToo() {
        suspendReads(true);
        int reads = ch.readRequests();
        ch.userDefinedWritability(2, false);
        assertTrue(ch.isReadingSuspended());
        ch.read();
        assertEquals(reads, ch.readRequests());
        ch.userDefinedWritability(2, true);
        assertFalse(ch.isReadingSuspended());
        assertEquals(reads + 1, ch.readRequests());
    }

    @Test
    void withoutAutoReadOnlyARequestedReadResumes() {
        suspendReads(true);
        ch.config().autoRead(false);
        int reads = ch.readRequests();
        ch.userDefinedWritability(2, false);
        ch.userDefinedWritability(2, true);
        assertEquals(reads, ch.readRequests(), "nobody asked for a read");
        ch.userDefinedWritability(2, false);
        ch.read();
        assertEquals(reads, ch.readRequests());
        ch.userDefinedWritability(2, true);
        assertEquals(reads + 1, ch.readRequests(), "the read asked for while suspended happens now");
    }

    @Test
    void withTheOptionOffAnUnwritableChannelKeepsReading() {
        suspendReads(false);
        int reads = ch.readRequests();
        ch.writeAndFlush(bytes(17));
        assertFalse(ch.isWritable());
        assertFalse(ch.isReadingSuspended());
        ch.read();
        assertEquals(reads + 1, ch.readRequests());
    }

    // ---- close and cancellation ------------------------------------------------------------------

    @Test
    void closeFailsEveryPendingWriteAndReleasesItsBuffer() {
        Buffer flushed = bytes(4);
        Buffer unflushed = bytes(4);
        ChannelFuture f1 = ch.writeAndFlush(flushed);
        ChannelFuture f2 = ch.write(unflushed);
        assertFalse(f1.isDone());
        ch.close();
        assertInstanceOf(ClosedChannelException.class, f1.cause());
        assertInstanceOf(ClosedChannelException.class, f2.cause());
        assertEquals(0, flushed.refCnt());
        assertEquals(0, unflushed.refCnt());

        Buffer late = bytes(4);
        ChannelFuture f3 = ch.writeAndFlush(late);
        assertInstanceOf(ClosedChannelException.class, f3.cause(), "a write after close fails at once");
        assertEquals(0, late.refCnt());
        assertEquals(0, ch.bytesBeforeUnwritable());
        assertNull(ch.readOutbound());
    }

    @Test
    void aWriteCancelledBeforeItsFlushIsReleasedNotWritten() {
        ch.stallOutput(false);
        Buffer buf = bytes(12);
        ChannelPromise promise = ch.newPromise();
        ch.write(buf, promise);
        assertTrue(promise.cancel(false));
        ch.flush();
        assertEquals(0, buf.refCnt());
        assertNull(ch.readOutbound(), "not written");
        assertTrue(promise.isCancelled());
        assertEquals(17, ch.bytesBeforeUnwritable(), "its bytes no longer count");

        Buffer next = bytes(3);
        assertTrue(ch.writeAndFlush(next).isSuccess(), "later writes are unaffected");
        Buffer sent = ch.readOutbound();
        sent.release();
    }

    @Test
    void aWriteFlushedBeforeItsCancelIsSentAnyway() {
        Buffer buf = bytes(3);
        ChannelFuture f = ch.writeAndFlush(buf);
        assertFalse(f.cancel(false), "a flushed write cannot be cancelled");
        ch.stallOutput(false);
        assertTrue(f.isSuccess());
        Buffer sent = ch.readOutbound();
        sent.release();
    }

    @Test
    void aCancelledWriteStopsCountingTowardsWritabilityWhenFlushed() {
        // Netty decrements a cancelled entry's bytes at flush time, even behind a stalled one
        ch.writeAndFlush(bytes(5));
        ChannelPromise promise = ch.newPromise();
        Buffer cancelled = bytes(12);
        ch.write(cancelled, promise);
        assertFalse(ch.isWritable());
        assertTrue(promise.cancel(false));
        ch.flush();
        assertEquals(0, cancelled.refCnt());
        assertTrue(ch.isWritable(), "only 5 bytes are really pending");
        assertEquals(List.of(false, true), changes);
    }

    // ---- message sizes (ChannelOption.MESSAGE_SIZE_ESTIMATOR) -----------------------------------

    @Test
    void theDefaultSizesBuffersHoldersAndFileRegionsAndNothingElse(@TempDir Path dir) throws IOException {
        MessageSizeEstimator estimator = MessageSizeEstimator.defaultEstimator();
        assertSame(estimator, ch.config().messageSizeEstimator());
        assertSame(estimator, ch.config().option(ChannelOption.MESSAGE_SIZE_ESTIMATOR));
        Buffer buf = bytes(7);
        buf.readByte();
        assertEquals(6, estimator.size(buf), "readable bytes only");
        DatagramPacket packet = new DatagramPacket(buf, new InetSocketAddress("127.0.0.1", 9));
        assertEquals(6, estimator.size(packet), "a buffer holder counts its content");
        packet.release();
        Path file = Files.write(dir.resolve("f"), new byte[100]);
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            DefaultFileRegion region = new DefaultFileRegion(fc, 10, 40);
            assertEquals(40, estimator.size(region));
            region.release();
        }
        assertEquals(0, estimator.size("not encoded yet"));
        assertEquals(0, estimator.size(new Object()));
    }

    @Test
    void aBufferHolderCountsAgainstTheWatermarks() {
        ch.writeAndFlush(new DatagramPacket(bytes(16), new InetSocketAddress("127.0.0.1", 9)));
        assertTrue(ch.isWritable(), "16 is the high watermark");
        ch.writeAndFlush(new DatagramPacket(bytes(1), new InetSocketAddress("127.0.0.1", 9)));
        assertFalse(ch.isWritable());
        ch.stallOutput(false);
        assertTrue(ch.isWritable());
    }

    @Test
    void aCustomEstimatorDrivesWritabilityForItsMessages() {
        assertTrue(ch.config().option(ChannelOption.MESSAGE_SIZE_ESTIMATOR,
                msg -> msg instanceof String s ? s.length() : MessageSizeEstimator.defaultEstimator().size(msg)));
        ch.write("0123456789");
        assertEquals(7, ch.bytesBeforeUnwritable());
        ch.write("0123456");
        assertFalse(ch.isWritable(), "17 estimated bytes pending");
        ch.flush();
        ch.stallOutput(false);
        assertTrue(ch.isWritable());
        assertEquals("0123456789", ch.readOutbound());
        assertEquals("0123456", ch.readOutbound());
    }

    @Test
    void aNegativeEstimateCountsAsZero() {
        assertTrue(ch.config().option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, msg -> -100));
        ch.write(bytes(4));
        assertEquals(17, ch.bytesBeforeUnwritable(), "nothing counted, nothing subtracted");
    }

    @Test
    void aNullEstimatorIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ch.config().option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, null));
        assertEquals("value", e.getMessage());
        assertSame(MessageSizeEstimator.defaultEstimator(), ch.config().messageSizeEstimator());
    }

    /** Lets the test take sends off the outbound buffer one by one, as a transport does. */
    private static final class OutboundVisibleChannel extends EmbeddedChannel {
        OutboundVisibleChannel(ChannelHandler handler) {
            super(handler);
        }

        ChannelOutboundBuffer outbound() {
            return outboundBuffer();
        }
    }
}
