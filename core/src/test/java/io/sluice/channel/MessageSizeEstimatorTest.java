package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The message-size option: the default sizes buffers, holders and file regions; a custom one drives the watermarks. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageSizeEstimatorTest {
    private final EmbeddedChannel ch = new EmbeddedChannel();

    MessageSizeEstimatorTest() {
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
}
