package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.net.StandardSocketOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channel options: defaults, round trips, validation; watermarks and the read-size predictor. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChannelConfigTest {
    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final ChannelConfig config = ch.config();

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    @Test
    void defaults() {
        assertTrue(config.isAutoRead());
        assertTrue(config.isAutoClose());
        assertSame(BufferAllocator.defaultAllocator(), config.allocator());
        assertSame(config.allocator(), ch.alloc());
        assertEquals(16, config.maxMessagesPerRead());
        assertEquals(16, config.writeSpinCount());
        assertEquals(32 * 1024, config.writeBufferWaterMark().lowBytes());
        assertEquals(64 * 1024, config.writeBufferWaterMark().highBytes());
        assertSame(WriteBufferWaterMark.DEFAULT, config.writeBufferWaterMark());
        assertEquals(30_000, config.connectTimeoutMillis());
        assertFalse(config.isAllowHalfClosure());
        assertFalse(config.isSuspendReadWhenUnwritable(), "a channel without a parent does not suspend reads");
        assertEquals(2048, config.newRecvSizePredictor().nextReadBytes());
        assertNotSame(config.newRecvSizePredictor(), config.newRecvSizePredictor(), "one predictor per channel");

        assertEquals(Boolean.TRUE, config.option(ChannelOption.AUTO_READ));
        assertEquals(Boolean.TRUE, config.option(ChannelOption.AUTO_CLOSE));
        assertEquals(16, config.option(ChannelOption.MAX_MESSAGES_PER_READ));
        assertEquals(16, config.option(ChannelOption.WRITE_SPIN_COUNT));
        assertSame(WriteBufferWaterMark.DEFAULT, config.option(ChannelOption.WRITE_BUFFER_WATER_MARK));
        assertEquals(30_000, config.option(ChannelOption.CONNECT_TIMEOUT_MILLIS));
        assertEquals(30_000, config.option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS));
        assertEquals(Boolean.FALSE, config.option(ChannelOption.ALLOW_HALF_CLOSURE));
        assertEquals(Boolean.FALSE, config.option(ChannelOption.SUSPEND_READ_WHEN_UNWRITABLE));
        assertSame(config.allocator(), config.option(ChannelOption.ALLOCATOR));
    }

    @Test
    void aChildChannelSuspendsReadsByDefault() {
        LoopbackTestChannel child = new LoopbackTestChannel(ch);
        assertSame(ch, child.parent());
        assertTrue(child.config().isSuspendReadWhenUnwritable());
        assertEquals(Boolean.TRUE, child.config().option(ChannelOption.SUSPEND_READ_WHEN_UNWRITABLE));
    }

    @Test
    void everyOptionCanBeSetAndReadBack() {
        assertTrue(config.option(ChannelOption.AUTO_CLOSE, false));
        assertFalse(config.isAutoClose());
        assertTrue(config.option(ChannelOption.ALLOCATOR, BufferAllocator.unpooled()));
        assertSame(BufferAllocator.unpooled(), config.allocator());
        assertSame(BufferAllocator.unpooled(), ch.alloc());
        Supplier<RecvSizePredictor> predictor = () -> RecvSizePredictor.create(64, 512, 4096);
        assertTrue(config.option(ChannelOption.RECV_SIZE_PREDICTOR, predictor));
        assertSame(predictor, config.option(ChannelOption.RECV_SIZE_PREDICTOR));
        assertEquals(512, config.newRecvSizePredictor().nextReadBytes());
        assertTrue(config.option(ChannelOption.MAX_MESSAGES_PER_READ, 1));
        assertEquals(1, config.maxMessagesPerRead());
        assertTrue(config.option(ChannelOption.WRITE_SPIN_COUNT, 3));
        assertEquals(3, config.writeSpinCount());
        WriteBufferWaterMark marks = WriteBufferWaterMark.of(100, 200);
        assertTrue(config.option(ChannelOption.WRITE_BUFFER_WATER_MARK, marks));
        assertSame(marks, config.writeBufferWaterMark());
        assertEquals(201, ch.bytesBeforeUnwritable(), "the channel uses the new watermarks");
        assertTrue(config.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0));
        assertEquals(0, config.connectTimeoutMillis(), "0: no timeout");
        assertTrue(config.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1234));
        assertEquals(1234, config.option(ChannelOption.CONNECT_TIMEOUT_MILLIS));
        assertTrue(config.option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS, 0));
        assertEquals(0, config.gracefulCloseTimeoutMillis(), "0: no deadline");
        assertTrue(config.option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS, 5000));
        assertEquals(5000, config.option(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS));
        assertTrue(config.option(ChannelOption.ALLOW_HALF_CLOSURE, true));
        assertTrue(config.isAllowHalfClosure());
        assertTrue(config.option(ChannelOption.SUSPEND_READ_WHEN_UNWRITABLE, true));
        assertTrue(config.isSuspendReadWhenUnwritable());
        assertTrue(config.option(ChannelOption.AUTO_READ, false));
        assertFalse(config.isAutoRead());
        assertEquals(Boolean.FALSE, config.option(ChannelOption.AUTO_READ));
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheOption() {
        assertRejected(ChannelOption.MAX_MESSAGES_PER_READ, 0);
        assertRejected(ChannelOption.MAX_MESSAGES_PER_READ, -1);
        assertRejected(ChannelOption.WRITE_SPIN_COUNT, 0);
        assertRejected(ChannelOption.WRITE_SPIN_COUNT, -5);
        assertRejected(ChannelOption.CONNECT_TIMEOUT_MILLIS, -1);
        assertRejected(ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS, -1);
        assertEquals(16, config.maxMessagesPerRead(), "unchanged");
        assertEquals(16, config.writeSpinCount());
        assertEquals(30_000, config.connectTimeoutMillis());
        assertThrows(NullPointerException.class, () -> config.option(ChannelOption.AUTO_READ, null));
    }

    private <T> void assertRejected(ChannelOption<T> option, T value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.option(option, value));
        assertTrue(e.getMessage().contains(option.name()), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(value)), e.getMessage());
    }

    @Test
    void unsupportedOptionsAreReportedNotThrown() {
        assertFalse(config.option(ChannelOption.SO_RCVBUF, 1024));
        assertNull(config.option(ChannelOption.SO_RCVBUF));
        assertFalse(config.option(ChannelOption.TCP_NODELAY, true));
        assertNull(config.option(ChannelOption.TCP_NODELAY));
        assertFalse(config.option(ChannelOption.SO_BACKLOG, 128));
        ChannelOption<Integer> custom = ChannelOption.socket(StandardSocketOptions.IP_MULTICAST_TTL);
        assertFalse(config.option(custom, 3));
        assertNull(config.option(custom));
        assertEquals("IP_MULTICAST_TTL", custom.name());
        assertSame(StandardSocketOptions.IP_MULTICAST_TTL, custom.socketOption());
        assertNull(ChannelOption.AUTO_READ.socketOption());
    }

    @Test
    void turningAutoReadBackOnRequestsARead() {
        int reads = ch.readRequests();
        config.autoRead(false);
        ch.writeInbound("m"); // read complete: no automatic read now
        assertEquals("m", ch.readInbound());
        assertEquals(reads, ch.readRequests());
        config.autoRead(true);
        assertEquals(reads + 1, ch.readRequests());
        config.autoRead(true);
        assertEquals(reads + 1, ch.readRequests(), "no change, no read");
        assertTrue(config.option(ChannelOption.AUTO_READ, false));
        assertTrue(config.option(ChannelOption.AUTO_READ, true));
        assertEquals(reads + 2, ch.readRequests(), "through option() too");
    }

    @Test
    void watermarksMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> WriteBufferWaterMark.of(10, 5));
        assertThrows(IllegalArgumentException.class, () -> WriteBufferWaterMark.of(-1, 5));
        WriteBufferWaterMark equal = WriteBufferWaterMark.of(5, 5);
        assertEquals(5, equal.lowBytes());
        assertEquals(5, equal.highBytes());
        assertEquals(0, WriteBufferWaterMark.of(0, 0).highBytes());
        assertTrue(equal.toString().contains("5"));
    }

    // ---- RecvSizePredictor -----------------------------------------------------------------------

    @Test
    void predictorGrowsAfterFullReadsUpToItsMaximum() {
        RecvSizePredictor p = RecvSizePredictor.create();
        assertEquals(2048, p.nextReadBytes());
        p.record(2048);
        int grown = p.nextReadBytes();
        assertTrue(grown > 2048, "grew to " + grown);
        for (int i = 0; i < 20; i++) {
            p.record(p.nextReadBytes());
            assertTrue(p.nextReadBytes() <= 65536, "above the maximum: " + p.nextReadBytes());
        }
        assertEquals(65536, p.nextReadBytes());
    }

    @Test
    void predictorShrinksAfterTwoSmallReadsDownToItsMinimum() {
        RecvSizePredictor p = RecvSizePredictor.create();
        p.record(10);
        assertEquals(2048, p.nextReadBytes(), "one small read is not enough");
        p.record(10);
        int shrunk = p.nextReadBytes();
        assertTrue(shrunk < 2048, "shrank to " + shrunk);

        p.record(10);
        p.record(shrunk - 1); // a read that used most of the buffer breaks the run
        p.record(10);
        assertEquals(shrunk, p.nextReadBytes(), "small reads must be consecutive");

        for (int i = 0; i < 200; i++) {
            p.record(1);
            assertTrue(p.nextReadBytes() >= 64, "below the minimum: " + p.nextReadBytes());
        }
        assertEquals(64, p.nextReadBytes());
        p.record(64);
        assertTrue(p.nextReadBytes() > 64, "grows again after a full read");
    }

    @Test
    void predictorStaysWithinBoundsThatAreNotTableSizes() {
        RecvSizePredictor p = RecvSizePredictor.create(100, 1000, 10_000);
        assertTrue(p.nextReadBytes() >= 100 && p.nextReadBytes() <= 10_000, "initial: " + p.nextReadBytes());
        for (int i = 0; i < 20; i++) {
            p.record(p.nextReadBytes());
        }
        assertTrue(p.nextReadBytes() <= 10_000, "above maxBytes 10000: " + p.nextReadBytes());
        for (int i = 0; i < 200; i++) {
            p.record(0);
        }
        assertTrue(p.nextReadBytes() >= 100, "below minBytes 100: " + p.nextReadBytes());
    }

    @Test
    void predictorRejectsBadBounds() {
        assertThrows(IllegalArgumentException.class, () -> RecvSizePredictor.create(0, 64, 128));
        assertThrows(IllegalArgumentException.class, () -> RecvSizePredictor.create(128, 64, 256));
        assertThrows(IllegalArgumentException.class, () -> RecvSizePredictor.create(64, 256, 128));
    }
}
