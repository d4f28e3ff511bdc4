package io.sluice.codec.frame;

import static io.sluice.codec.DecoderHarness.ascii;
import static io.sluice.codec.DecoderHarness.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Line endings, stripping, limits around the \r of a \r\n, and skipping of LineFrameDecoder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LineFrameDecoderTest {

    private static final String INPUT = "first\nsecond\r\n\nwith a lone \r inside\r\n\r\n\r\r\n"
            + "ends in cr cr\r\r\nx\n";

    @Test
    void lfAndCrLfEndingsStripped() {
        DecoderHarness.assertSameFramesEverywhere(() -> new LineFrameDecoder(40), ascii(INPUT),
                frames("first", "second", "", "with a lone \r inside", "", "\r", "ends in cr cr\r", "x"), 11);
    }

    @Test
    void lfAndCrLfEndingsKept() {
        DecoderHarness.assertSameFramesEverywhere(() -> new LineFrameDecoder(40, false, TooLongFrameAction.CLOSE),
                ascii(INPUT), frames("first\n", "second\r\n", "\n", "with a lone \r inside\r\n", "\r\n", "\r\r\n",
                        "ends in cr cr\r\r\n", "x\n"), 12);
    }

    @Test
    void utf8BytesAreJustBytes() {
        String text = "h\u00e9llo w\u00f6rld\n\u65e5\u672c\u8a9e\r\n\ud83d\ude00\n";
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        DecoderHarness.assertSameFramesEverywhere(() -> new LineFrameDecoder(64), in,
                List.of("h\u00e9llo w\u00f6rld".getBytes(StandardCharsets.UTF_8),
                        "\u65e5\u672c\u8a9e".getBytes(StandardCharsets.UTF_8),
                        "\ud83d\ude00".getBytes(StandardCharsets.UTF_8)), 13);
    }

    // ---- limits --------------------------------------------------------------------------------

    @Test
    void theLimitDoesNotCountTheEnding() {
        DecoderHarness.assertSameFramesEverywhere(() -> new LineFrameDecoder(4), ascii("abcd\nabcd\r\n\r\nab\r\n"),
                frames("abcd", "abcd", "", "ab"), 14);
    }

    @Test
    void aLineOfTheLimitWhoseCrArrivesAloneIsNotRefusedEarly() {
        Recorder recorder = new Recorder();
        Probed.Line decoder = new Probed.Line(4, true, TooLongFrameAction.CLOSE);
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(ascii("abcd")));
        ch.writeInbound(Buffers.copyOf(ascii("\r")));
        assertEquals(List.of(), recorder.exceptionTypes(), "the \\r may start the ending");
        assertEquals(5, decoder.held(), "the limit plus the \\r");
        ch.writeInbound(Buffers.copyOf(ascii("\n")));
        DecoderHarness.assertFrames(frames("abcd"), recorder.frames, "at the limit");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aCrThatIsNotFollowedByLfCountsAsPartOfTheLine() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(4), recorder);
        ch.writeInbound(Buffers.copyOf(ascii("abcd\r")));
        assertEquals(List.of(), recorder.exceptionTypes());
        ch.writeInbound(Buffers.copyOf(ascii("e")));
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes(), "6 bytes, no ending yet");
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aLineOverTheLimitInOneReadIsRefusedWithItsLength() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(4), recorder);
        ch.writeInbound(Buffers.copyOf(ascii("ok\nabcde\r\nlater\n")));
        DecoderHarness.assertFrames(frames("ok"), recorder.frames, "before");
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        assertEquals("LineFrameDecoder: line length: 5 bytes (expected: at most maxLength 4); the stream is closed",
                recorder.exceptions.get(0).getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aLineOverTheLimitWithoutItsEndingIsRefusedOnTheFirstByteTooMany() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(4, true, TooLongFrameAction.SKIP), recorder);
        for (char c : "abcd".toCharArray()) {
            ch.writeInbound(Buffers.copyOf(new byte[] {(byte) c}));
        }
        assertEquals(List.of(), recorder.exceptionTypes());
        ch.writeInbound(Buffers.copyOf(ascii("e")));
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        assertEquals("LineFrameDecoder: line length: more than 4 bytes (expected: at most maxLength 4); the frame is discarded",
                recorder.exceptions.get(0).getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void skipDropsTheLongLineUpToItsEndingWhereverTheReadsSplitIt() {
        String longLine = "x".repeat(50);
        String input = "one\n" + longLine + "\r\ntwo\r\n" + longLine + "\nthree\n" + longLine + "\r\n";
        Random rnd = new Random(15);
        for (int round = 0; round < 40; round++) {
            byte[] bytes = ascii(input);
            int[] split = round == 0 ? DecoderHarness.byteByByte(bytes.length)
                    : DecoderHarness.randomSplits(bytes.length, rnd, 12);
            DecoderHarness.Run run = DecoderHarness.run(new Probed.Line(8, true, TooLongFrameAction.SKIP),
                    round % 2 == 0 ? ByteToMessageDecoder.MERGE : ByteToMessageDecoder.COMPOSITE, bytes, split, null,
                    rnd);
            DecoderHarness.assertFrames(frames("one", "two", "three"), run.frames, run.description);
            assertEquals(List.of(TooLongFrameException.class, TooLongFrameException.class,
                    TooLongFrameException.class), run.exceptionTypes(), run.description);
            assertTrue(run.peakHeldAfterRead <= 9, run.description + " held " + run.peakHeldAfterRead);
        }
    }

    @Test
    void anUnfinishedLineWhileSkippingIsNotAlsoReportedAsTruncated() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(4, true, TooLongFrameAction.SKIP), recorder);
        ch.writeInbound(Buffers.copyOf(ascii("toolongline")));
        ch.finishAndReleaseAll();
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
    }

    // ---- end of input --------------------------------------------------------------------------

    @Test
    void aLineWithoutItsEndingAtCloseIsCorrupt() {
        for (String tail : new String[] {"abc", "abc\r", "\r"}) {
            EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(10));
            ch.writeInbound(Buffers.copyOf(ascii("ok\n" + tail)));
            ch.releaseInbound();
            CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish, tail);
            assertEquals("LineFrameDecoder: incomplete frame at the end of input: " + tail.length()
                    + " bytes (expected: none; discarded)", e.getMessage());
        }
    }

    // ---- arguments -----------------------------------------------------------------------------

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LineFrameDecoder(0));
        assertThrows(IllegalArgumentException.class, () -> new LineFrameDecoder(-5));
        assertThrows(NullPointerException.class, () -> new LineFrameDecoder(5, true, null));
    }
}
