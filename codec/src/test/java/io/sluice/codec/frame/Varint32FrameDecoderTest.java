package io.sluice.codec.frame;

import static io.sluice.codec.DecoderHarness.ascii;
import static io.sluice.codec.DecoderHarness.concat;
import static io.sluice.codec.frame.FrameSpec.varint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Prefix sizes, malformed prefixes and limits of Varint32FrameDecoder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Varint32FrameDecoderTest {

    @Test
    void prefixesOfOneToThreeBytes() {
        Random rnd = new Random(30);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        List<byte[]> bodies = new ArrayList<>();
        for (int len : new int[] {0, 1, 127, 128, 129, 300, 16383, 16384, 0}) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            bodies.add(b);
            in.writeBytes(concat(varint(len), b));
        }
        DecoderHarness.assertSameFramesEverywhere(() -> new Varint32FrameDecoder(20000), in.toByteArray(), bodies,
                31);
    }

    @Test
    void paddedPrefixesAreAccepted() {
        // 0x80 0x00 is a two-byte zero; 0x85 0x80 0x00 a three-byte five
        byte[] in = concat(new byte[] {(byte) 0x80, 0}, new byte[] {(byte) 0x85, (byte) 0x80, 0}, ascii("hello"));
        DecoderHarness.assertSameFramesEverywhere(() -> new Varint32FrameDecoder(100), in,
                List.of(new byte[0], ascii("hello")), 32);
    }

    @Test
    void aPrefixLongerThanFiveBytesIsCorruptOnItsFifthByte() {
        for (TooLongFrameAction action : TooLongFrameAction.values()) {
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(new Varint32FrameDecoder(100, action), recorder);
            Buffer first = Buffers.copyOf(concat(varint(2), ascii("ok"), new byte[] {(byte) 0x80, (byte) 0x80}));
            ch.writeInbound(first);
            ch.writeInbound(Buffers.copyOf(new byte[] {(byte) 0x80, (byte) 0x80}));
            assertEquals(List.of(), recorder.exceptionTypes(), "four bytes may still end");
            ch.writeInbound(Buffers.copyOf(new byte[] {(byte) 0x80}));
            assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes(), action.toString());
            assertEquals("Varint32FrameDecoder: varint32 length prefix: longer than 5 bytes (expected: at most 5)",
                    recorder.exceptions.get(0).getMessage());
            DecoderHarness.assertFrames(List.of(ascii("ok")), recorder.frames, "before");
            assertEquals(0, first.refCnt(), "held bytes released");
            assertFalse(ch.isOpen());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aLengthAboveTwoToTheThirtyOneMinusOneIsCorrupt() {
        for (long length : new long[] {1L << 31, 0xFFFF_FFFFL, (1L << 35) - 1}) {
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(new Varint32FrameDecoder(100, TooLongFrameAction.SKIP),
                    recorder);
            byte[] prefix = varint(length);
            assertEquals(5, prefix.length);
            ch.writeInbound(Buffers.copyOf(prefix));
            assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes(), "length " + length);
            assertTrue(recorder.exceptions.get(0).getMessage().contains(": " + length + " (expected: at most 2^31 - 1)"));
            assertFalse(ch.isOpen());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void theLargestInt32LengthIsMerelyTooLong() {
        Recorder recorder = new Recorder();
        Probed.Varint32 decoder = new Probed.Varint32(100, TooLongFrameAction.SKIP);
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(concat(varint(Integer.MAX_VALUE), new byte[1000])));
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        assertTrue(recorder.exceptions.get(0).getMessage().contains(Integer.MAX_VALUE + " bytes (expected:"
                + " at most maxFrameLength 100)"), recorder.exceptions.get(0).getMessage());
        assertEquals(0, decoder.held());
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
        assertEquals(1, recorder.exceptions.size(), "still skipping at close is not truncation");
    }

    @Test
    void theLimitDoesNotCountThePrefix() {
        byte[] body = new byte[200];
        DecoderHarness.assertSameFramesEverywhere(() -> new Varint32FrameDecoder(200), concat(varint(200), body),
                List.of(body), 33);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Varint32FrameDecoder(199), recorder);
        ch.writeInbound(Buffers.copyOf(varint(200)));
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes(), "refused on the prefix alone");
        assertEquals("Varint32FrameDecoder: frame length: 200 bytes (expected: at most maxFrameLength 199); the stream is closed",
                recorder.exceptions.get(0).getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void aPrefixCutShortAtCloseIsCorrupt() {
        EmbeddedChannel ch = new EmbeddedChannel(new Varint32FrameDecoder(100000));
        ch.writeInbound(Buffers.copyOf(new byte[] {(byte) 0x81}));
        CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish);
        assertTrue(e.getMessage().contains(": 1 bytes (expected: none"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Varint32FrameDecoder(0));
        assertThrows(NullPointerException.class, () -> new Varint32FrameDecoder(10, null));
    }
}
