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
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several and multi-byte delimiters, the shortest-frame rule, limits and skipping of DelimiterFrameDecoder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DelimiterFrameDecoderTest {

    private static byte[][] delims(String... ds) {
        byte[][] out = new byte[ds.length][];
        for (int i = 0; i < ds.length; i++) {
            out[i] = ascii(ds[i]);
        }
        return out;
    }

    @Test
    void severalDelimitersStripped() {
        DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(20, delims("|", "<END>", "--")),
                ascii("ab|cd<END>ef--|gh--<END>a-b<EN<END>"), frames("ab", "cd", "ef", "", "gh", "", "a-b<EN"), 16);
    }

    @Test
    void severalDelimitersKept() {
        DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(20, false, TooLongFrameAction.CLOSE,
                delims("|", "<END>", "--")), ascii("ab|cd<END>ef--|gh--<END>"),
                frames("ab|", "cd<END>", "ef--", "|", "gh--", "<END>"), 17);
    }

    @Test
    void theDelimiterGivingTheShortestFrameWins() {
        // "--" ends "x" before "|" would end "x--y": whichever is listed first
        for (byte[][] ds : new byte[][][] {delims("|", "--"), delims("--", "|")}) {
            DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(20, ds), ascii("x--y|z|"),
                    frames("x", "y", "z"), 18);
        }
    }

    @Test
    void aMultiByteDelimiterSplitAcrossReadsIsFound() {
        byte[] in = ascii("first<END>second<END><END>third<END>");
        for (int cut = 1; cut < in.length; cut++) {
            DecoderHarness.Run run = DecoderHarness.run(new DelimiterFrameDecoder(10, delims("<END>")),
                    ByteToMessageDecoder.COMPOSITE, in, new int[] {cut, in.length - cut},
                    DecoderHarness.ChunkKind.HEAP, new Random(cut));
            DecoderHarness.assertFrames(frames("first", "second", "", "third"), run.frames, "cut at " + cut);
            assertEquals(List.of(), run.exceptionTypes());
        }
    }

    @Test
    void aPartialDelimiterRepeatedIsNotADelimiter() {
        DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(40, delims("<END>")),
                ascii("<EN<EN<E<<END><END<END>"), frames("<EN<EN<E<", "<END"), 19);
    }

    /**
     * With "\r\n" listed before "\r" (lines ending in CR or CRLF), "ab\r\ncd\r\n" read whole gives
     * "ab", "cd"; but when a read ends between the \r and the \n, the lone "\r" is taken as the
     * delimiter and the next frame starts with the \n. Likewise "<END>" and "N". The frames depend
     * on how TCP split the stream.
     */
    @Test
    void aShortDelimiterInsideALongerIncompleteOneDoesNotDependOnReadBoundaries() {
        DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(20, delims("\r\n", "\r")),
                ascii("ab\r\ncd\r\nef\r"), frames("ab", "cd", "ef"), 20);
        DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(20, delims("<END>", "N")),
                ascii("ab<END>cdN"), frames("ab", "cd"), 21);
    }

    @Test
    void aTieBetweenDelimitersStartingAtTheSameByteGoesToTheLongerWhateverTheOrder() {
        for (boolean crlfFirst : new boolean[] {true, false}) {
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(new DelimiterFrameDecoder(20,
                    crlfFirst ? delims("\r\n", "\r") : delims("\r", "\r\n")), recorder);
            ch.writeInbound(Buffers.copyOf(ascii("ab\r\ncd\r\n")));
            DecoderHarness.assertFrames(frames("ab", "cd"), recorder.frames, "crlf first: " + crlfFirst);
            ch.finishAndReleaseAll();
        }
    }

    // ---- limits --------------------------------------------------------------------------------

    @Test
    void theLimitDoesNotCountTheDelimiter() {
        DecoderHarness.assertSameFramesEverywhere(() -> new DelimiterFrameDecoder(5, delims("<END>", "|")),
                ascii("12345<END>12345|<END>1|"), frames("12345", "12345", "", "1"), 22);
    }

    @Test
    void aFrameOverTheLimitWithAMultiByteDelimiterIsRefusedOnceAPossibleDelimiterStartFails() {
        // max 5: "12345<EN" may still be a frame of 5; the X proves it longer
        Recorder recorder = new Recorder();
        Probed.Delimiter decoder = new Probed.Delimiter(5, true, TooLongFrameAction.SKIP, delims("<END>"));
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(ascii("1234")));
        assertEquals(List.of(), recorder.exceptionTypes());
        ch.writeInbound(Buffers.copyOf(ascii("5<EN")));
        assertEquals(List.of(), recorder.exceptionTypes(), "5 bytes and a possible delimiter start");
        ch.writeInbound(Buffers.copyOf(ascii("X")));
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        assertEquals("Delimiter: frame length: more than 5 bytes (expected: at most maxFrameLength 5); the frame is discarded",
                recorder.exceptions.get(0).getMessage());
        assertTrue(decoder.held() <= 4, "only a possible delimiter start is kept: " + decoder.held());
        ch.writeInbound(Buffers.copyOf(ascii("xx<EN")));
        ch.writeInbound(Buffers.copyOf(ascii("D>ok<END>")));
        DecoderHarness.assertFrames(frames("ok"), recorder.frames, "after skipping");
        assertFalse(ch.finishAndReleaseAll());
        assertEquals(1, recorder.exceptions.size());
    }

    /**
     * With max 5 and the only delimiter "<END>", six bytes "123456" already prove the frame too
     * long when the sixth byte cannot start a delimiter; the decoder waits for four more.
     */
    @Test
    void aFrameOverTheLimitIsRefusedOnTheFirstByteThatCannotStartADelimiter() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new DelimiterFrameDecoder(5, true, TooLongFrameAction.SKIP,
                delims("<END>")), recorder);
        ch.writeInbound(Buffers.copyOf(ascii("12345")));
        assertEquals(List.of(), recorder.exceptionTypes());
        ch.writeInbound(Buffers.copyOf(ascii("6")));
        List<Class<?>> types = recorder.exceptionTypes();
        ch.finishAndReleaseAll();
        assertEquals(List.of(TooLongFrameException.class), types);
    }

    @Test
    void aFrameOverTheLimitInOneReadIsRefusedWithItsLength() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new DelimiterFrameDecoder(5, delims("|")), recorder);
        ch.writeInbound(Buffers.copyOf(ascii("ok|123456|no|")));
        DecoderHarness.assertFrames(frames("ok"), recorder.frames, "before");
        assertEquals("DelimiterFrameDecoder: frame length: 6 bytes (expected: at most maxFrameLength 5); the stream is closed",
                recorder.exceptions.get(0).getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void skipDropsTheLongFrameWhereverItsDelimiterIsSplit() {
        String big = "y".repeat(60);
        byte[] input = ascii("a<END>" + big + "<END>b|" + big + "|c<END>" + big + "<EN" + big + "<END>");
        Random rnd = new Random(23);
        for (int round = 0; round < 40; round++) {
            int[] split = round == 0 ? DecoderHarness.byteByByte(input.length)
                    : DecoderHarness.randomSplits(input.length, rnd, 16);
            DecoderHarness.Run run = DecoderHarness.run(new Probed.Delimiter(10, true, TooLongFrameAction.SKIP,
                    delims("<END>", "|")), round % 2 == 0 ? ByteToMessageDecoder.MERGE
                    : ByteToMessageDecoder.COMPOSITE, input, split, null, rnd);
            DecoderHarness.assertFrames(frames("a", "b", "c"), run.frames, run.description);
            assertEquals(3, run.exceptions.size(), run.description + " " + run.exceptionTypes());
            assertTrue(run.peakHeldAfterRead <= 10 + 4, run.description + " held " + run.peakHeldAfterRead);
        }
    }

    @Test
    void garbageWithoutAnyDelimiterIsRefusedAndNotBuffered() {
        Random rnd = new Random(24);
        byte[] garbage = new byte[5000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) ('a' + rnd.nextInt(26));
        }
        for (TooLongFrameAction action : TooLongFrameAction.values()) {
            DecoderHarness.Run run = DecoderHarness.run(new Probed.Delimiter(100, true, action, delims("\r\n", "\0")),
                    ByteToMessageDecoder.MERGE, garbage, DecoderHarness.randomSplits(garbage.length, rnd, 300), null,
                    rnd);
            assertEquals(List.of(TooLongFrameException.class), run.exceptionTypes(), action.toString());
            assertEquals(action == TooLongFrameAction.CLOSE, run.closedEarly);
            assertTrue(run.peakHeldAfterRead <= 101, action + " held " + run.peakHeldAfterRead);
            assertTrue(run.peakAtDecode <= 101 + run.largestChunk, action + " handed " + run.peakAtDecode);
        }
    }

    // ---- end of input --------------------------------------------------------------------------

    @Test
    void aFrameWithoutItsDelimiterAtCloseIsCorrupt() {
        for (String tail : new String[] {"abc", "abc<EN", "<"}) {
            EmbeddedChannel ch = new EmbeddedChannel(new DelimiterFrameDecoder(10, delims("<END>")));
            ch.writeInbound(Buffers.copyOf(ascii("ok<END>" + tail)));
            ch.releaseInbound();
            CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish, tail);
            assertTrue(e.getMessage().startsWith("DelimiterFrameDecoder: incomplete frame at the end of input: "
                    + tail.length() + " bytes"), e.getMessage());
        }
    }

    // ---- arguments -----------------------------------------------------------------------------

    @Test
    void theDelimitersAreCopied() {
        byte[] d = ascii("|");
        DelimiterFrameDecoder decoder = new DelimiterFrameDecoder(10, d);
        d[0] = '#';
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(ascii("a#b|")));
        DecoderHarness.assertFrames(frames("a#b"), recorder.frames, "copied");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DelimiterFrameDecoder(10));
        assertThrows(NullPointerException.class, () -> new DelimiterFrameDecoder(10, (byte[][]) null));
        assertThrows(IllegalArgumentException.class, () -> new DelimiterFrameDecoder(10, new byte[0]));
        assertThrows(NullPointerException.class, () -> new DelimiterFrameDecoder(10, ascii("|"), null));
        assertThrows(IllegalArgumentException.class, () -> new DelimiterFrameDecoder(0, ascii("|")));
        assertThrows(NullPointerException.class, () -> new DelimiterFrameDecoder(10, true, null, ascii("|")));
    }
}
