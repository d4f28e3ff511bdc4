package io.sluice.codec.frame;

import static io.sluice.codec.DecoderHarness.ascii;
import static io.sluice.codec.DecoderHarness.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.DecoderHarness;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FixedLengthFrameDecoder: frames of one size, including size one, and truncation. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FixedLengthFrameDecoderTest {

    @Test
    void framesOfThreeBytes() {
        DecoderHarness.assertSameFramesEverywhere(() -> new FixedLengthFrameDecoder(3), ascii("abcdefghi"),
                frames("abc", "def", "ghi"), 40);
    }

    @Test
    void framesOfOneByte() {
        DecoderHarness.assertSameFramesEverywhere(() -> new FixedLengthFrameDecoder(1), ascii("xyz"),
                frames("x", "y", "z"), 41);
    }

    @Test
    void aPartialFrameAtCloseIsCorrupt() {
        EmbeddedChannel ch = new EmbeddedChannel(new FixedLengthFrameDecoder(4));
        ch.writeInbound(Buffers.copyOf(ascii("abcdef")));
        ch.releaseInbound();
        CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish);
        assertEquals("FixedLengthFrameDecoder: incomplete frame at the end of input: 2 bytes (expected: none; discarded)",
                e.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FixedLengthFrameDecoder(0));
        assertThrows(IllegalArgumentException.class, () -> new FixedLengthFrameDecoder(-1));
    }
}
