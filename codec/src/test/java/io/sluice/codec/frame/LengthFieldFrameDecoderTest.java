package io.sluice.codec.frame;

import static io.sluice.codec.DecoderHarness.ascii;
import static io.sluice.codec.DecoderHarness.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.DecoderHarness.ChunkKind;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Header layouts, limits and malformed lengths of LengthFieldFrameDecoder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LengthFieldFrameDecoderTest {

    /** Writes {@code value} as a {@code size}-byte field in {@code order}. */
    static byte[] field(long value, int size, ByteOrder order) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            int shift = 8 * (order == ByteOrder.BIG_ENDIAN ? size - 1 - i : i);
            b[i] = (byte) (value >>> shift);
        }
        return b;
    }

    static Stream<Arguments> layouts() {
        List<Arguments> args = new ArrayList<>();
        for (int size : new int[] {1, 2, 3, 4, 8}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                args.add(Arguments.of(size, order));
            }
        }
        return args.stream();
    }

    /**
     * Frames with a 3-byte prefix (a type and two flags), the length field, then the body; the
     * length written is {@code body + lengthDelta}, and the decoder's adjustment undoes it.
     */
    private static byte[] frame(int offset, int size, ByteOrder order, byte[] body, long lengthDelta) {
        byte[] prefix = new byte[offset];
        Arrays.fill(prefix, (byte) 0x7E);
        return concat(prefix, field(body.length + lengthDelta, size, order), body);
    }

    private static List<byte[]> bodies(Random rnd, int maxBody) {
        List<byte[]> bodies = new ArrayList<>();
        for (int len : new int[] {0, 1, maxBody, 7, rnd.nextInt(maxBody + 1), maxBody - 1, 3}) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            bodies.add(b);
        }
        return bodies;
    }

    @ParameterizedTest(name = "{0}-byte field, {1}")
    @MethodSource("layouts")
    void bodyOnlyWithTheHeaderStripped(int size, ByteOrder order) {
        int offset = 3;
        int header = offset + size;
        int max = 200;
        Random rnd = new Random(size);
        List<byte[]> bodies = bodies(rnd, Math.min(max - header, size == 1 ? 255 : 1000));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (byte[] b : bodies) {
            in.writeBytes(frame(offset, size, order, b, 0));
        }
        DecoderHarness.assertSameFramesEverywhere(() -> new LengthFieldFrameDecoder(order, max, offset, size, 0,
                header, TooLongFrameAction.CLOSE), in.toByteArray(), bodies, size * 31L);
    }

    @ParameterizedTest(name = "{0}-byte field, {1}")
    @MethodSource("layouts")
    void wholeFramesWhenTheLengthCountsTheWholeFrame(int size, ByteOrder order) {
        int offset = 2;
        int header = offset + size;
        int max = 150;
        Random rnd = new Random(100 + size);
        List<byte[]> bodies = bodies(rnd, max - header);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        List<byte[]> expected = new ArrayList<>();
        for (byte[] b : bodies) {
            byte[] f = frame(offset, size, order, b, header); // the length includes the header
            in.writeBytes(f);
            expected.add(f);
        }
        DecoderHarness.assertSameFramesEverywhere(() -> new LengthFieldFrameDecoder(order, max, offset, size, -header,
                0, TooLongFrameAction.CLOSE), in.toByteArray(), expected, size * 37L);
    }

    @ParameterizedTest(name = "{0}-byte field, {1}")
    @MethodSource("layouts")
    void aPositiveAdjustmentForATrailerAndAPartialStrip(int size, ByteOrder order) {
        // the length counts the body only; a 2-byte trailer follows it; strip the prefix, keep the field
        int offset = 1;
        int max = 120;
        Random rnd = new Random(200 + size);
        List<byte[]> bodies = bodies(rnd, max - offset - size - 2);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        List<byte[]> expected = new ArrayList<>();
        for (byte[] b : bodies) {
            byte[] withTrailer = concat(b, new byte[] {'C', 'K'});
            byte[] f = frame(offset, size, order, withTrailer, -2); // the field says body.length
            in.writeBytes(f);
            expected.add(Arrays.copyOfRange(f, offset, f.length));
        }
        DecoderHarness.assertSameFramesEverywhere(() -> new LengthFieldFrameDecoder(order, max, offset, size, 2,
                offset, TooLongFrameAction.CLOSE), in.toByteArray(), expected, size * 41L);
    }

    @Test
    void theShortConstructorsMeanBigEndianNoAdjustmentAndWholeFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(100, 1, 2));
        byte[] f = concat(new byte[] {9, 0, 3}, ascii("abc"));
        ch.writeInbound(Buffers.copyOf(concat(f, f)));
        for (int i = 0; i < 2; i++) {
            Buffer frame = ch.readInbound();
            assertArrayEquals(f, Buffers.toByteArray(frame));
            frame.release();
        }
        assertFalse(ch.finish());
    }

    // ---- limits --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}-byte field, {1}")
    @MethodSource("layouts")
    void theLimitCountsTheHeaderAndIsInclusive(int size, ByteOrder order) {
        int offset = 1;
        int max = offset + size + 40;
        for (TooLongFrameAction action : TooLongFrameAction.values()) {
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(order, max, offset, size, 0,
                    offset + size, action), recorder);
            byte[] atMax = new byte[40];
            byte[] over = new byte[41];
            Arrays.fill(over, (byte) 1);
            ch.writeInbound(Buffers.copyOf(frame(offset, size, order, atMax, 0)));
            ch.writeInbound(Buffers.copyOf(frame(offset, size, order, over, 0)));
            DecoderHarness.assertFrames(List.of(atMax), recorder.frames, action.toString());
            assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
            String message = recorder.exceptions.get(0).getMessage();
            assertTrue(message.startsWith("LengthFieldFrameDecoder: frame length: " + (max + 1) + " bytes (expected:"
                    + " at most maxFrameLength " + max + ")"), message);
            assertTrue(message.contains(action == TooLongFrameAction.SKIP ? "discarded" : "closed"), message);
            if (action == TooLongFrameAction.SKIP) {
                ch.writeInbound(Buffers.copyOf(frame(offset, size, order, atMax, 0)));
                assertEquals(2, recorder.frames.size(), "the next frame is decoded");
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void anOversizedFrameIsRefusedOnItsHeaderAlone() {
        for (TooLongFrameAction action : TooLongFrameAction.values()) {
            Recorder recorder = new Recorder();
            Probed.LengthField decoder = new Probed.LengthField(ByteOrder.BIG_ENDIAN, 1000, 2, 4, 0, 6, action);
            EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
            byte[] header = concat(new byte[] {1, 2}, field(10_000_000, 4, ByteOrder.BIG_ENDIAN));
            for (int i = 0; i < header.length - 1; i++) {
                ch.writeInbound(Buffers.copyOf(new byte[] {header[i]}));
                assertEquals(List.of(), recorder.exceptionTypes(), "byte " + i);
            }
            ch.writeInbound(Buffers.copyOf(new byte[] {header[header.length - 1]}));
            assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes(), action.toString());
            assertTrue(recorder.exceptions.get(0).getMessage().contains("10000006 bytes"));
            assertEquals(0, decoder.held());
            if (action == TooLongFrameAction.SKIP) {
                // ten megabytes of body arrive and are dropped as they come: nothing is kept
                byte[] chunk = new byte[65536];
                int left = 10_000_000;
                while (left > 0) {
                    int n = Math.min(left, chunk.length);
                    ch.writeInbound(Buffers.wrap(chunk, 0, n));
                    left -= n;
                    assertEquals(0, decoder.held());
                }
                assertTrue(decoder.peakAtDecode() <= chunk.length);
                byte[] next = concat(new byte[] {1, 2}, field(3, 4, ByteOrder.BIG_ENDIAN), ascii("end"));
                ch.writeInbound(Buffers.copyOf(next));
                DecoderHarness.assertFrames(List.of(ascii("end")), recorder.frames, "after the skip");
                assertEquals(1, recorder.exceptions.size());
            } else {
                assertFalse(ch.isOpen());
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void anOversizedFrameEndingInsideTheSameReadIsSkippedExactly() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 10, 0, 1, 0, 1,
                TooLongFrameAction.SKIP), recorder);
        byte[] big = concat(new byte[] {20}, new byte[20]);
        byte[] small = concat(new byte[] {2}, ascii("ok"));
        ch.writeInbound(Buffers.copyOf(concat(small, big, small, big, big, small)));
        DecoderHarness.assertFrames(DecoderHarness.frames("ok", "ok", "ok"), recorder.frames, "skips");
        assertEquals(3, recorder.exceptions.size());
        assertFalse(ch.finishAndReleaseAll());
    }

    // ---- malformed lengths ---------------------------------------------------------------------

    @Test
    void anEightByteLengthWithTheTopBitSetIsCorruptNotTooLong() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (TooLongFrameAction action : TooLongFrameAction.values()) {
                Recorder recorder = new Recorder();
                EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(order, 1000, 0, 8, 0, 8, action),
                        recorder);
                Buffer in = Buffers.copyOf(concat(field(5, 8, order), ascii("hello"), field(-1L, 8, order)));
                ch.writeInbound(in);
                DecoderHarness.assertFrames(DecoderHarness.frames("hello"), recorder.frames, order + " " + action);
                assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes());
                String message = recorder.exceptions.get(0).getMessage();
                assertTrue(message.contains("LengthFieldFrameDecoder") && message.contains("(expected: >= 0, not negative)"), message);
                assertEquals(0, in.refCnt(), "held bytes released");
                assertFalse(ch.isOpen(), "a corrupt stream is closed whatever the action");
                ch.finishAndReleaseAll();
            }
        }
    }

    @Test
    void aHugePositiveEightByteLengthIsTooLongAndDoesNotOverflow() {
        for (long length : new long[] {Long.MAX_VALUE, 1L << 62, (1L << 40) + 1, Integer.MAX_VALUE + 1L,
                0xFFFF_FFFFL}) {
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 1000, 0, 8,
                    -8, 0, TooLongFrameAction.CLOSE), recorder);
            Buffer in = Buffers.copyOf(concat(field(length, 8, ByteOrder.BIG_ENDIAN), new byte[100]));
            ch.writeInbound(in);
            assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes(), "length " + length);
            assertEquals(0, in.refCnt());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aHugeLengthIsSkippedWithSkipAndLaterBytesAreDropped() {
        Recorder recorder = new Recorder();
        Probed.LengthField decoder = new Probed.LengthField(ByteOrder.LITTLE_ENDIAN, 1000, 0, 8, 0, 8,
                TooLongFrameAction.SKIP);
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(field(Long.MAX_VALUE, 8, ByteOrder.LITTLE_ENDIAN)));
        for (int i = 0; i < 10; i++) {
            ch.writeInbound(Buffers.copyOf(concat(field(1, 8, ByteOrder.LITTLE_ENDIAN), ascii("x"))));
            assertEquals(0, decoder.held());
        }
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        assertTrue(recorder.frames.isEmpty(), "all of it belongs to the oversized frame");
        ch.finishAndReleaseAll();
        assertEquals(1, recorder.exceptions.size(), "no truncation error while still skipping");
    }

    @Test
    void anAdjustmentThatMakesTheFrameShorterThanItsHeaderIsCorrupt() {
        // the length is meant to count the whole 4-byte header, but says 2
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 1000, 2, 2, -4, 0,
                TooLongFrameAction.SKIP), recorder);
        Buffer in = Buffers.copyOf(concat(new byte[] {0, 0}, field(2, 2, ByteOrder.BIG_ENDIAN), new byte[10]));
        ch.writeInbound(in);
        assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes());
        String message = recorder.exceptions.get(0).getMessage();
        assertTrue(message.contains("adjusted frame length: ") && message.contains("the header length"), message);
        assertTrue(message.contains("lengthAdjustment -4"), message);
        assertEquals(0, in.refCnt());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aHugeNegativeAdjustmentCannotWrapAroundIntoAValidLength() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 1000, 0, 4,
                Integer.MIN_VALUE, 4, TooLongFrameAction.CLOSE), recorder);
        ch.writeInbound(Buffers.copyOf(concat(field(5, 4, ByteOrder.BIG_ENDIAN), ascii("hello"))));
        assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes());
        ch.finishAndReleaseAll();
    }

    @Test
    void strippingMoreThanTheFrameIsCorrupt() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 1000, 0, 1, 0, 5,
                TooLongFrameAction.CLOSE), recorder);
        Buffer in = Buffers.copyOf(concat(new byte[] {2}, ascii("ab")));
        ch.writeInbound(in);
        assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes());
        assertTrue(recorder.exceptions.get(0).getMessage().contains("initialBytesToStrip: 5 (expected: <= the frame length"));
        assertEquals(0, in.refCnt());
        ch.finishAndReleaseAll();
    }

    @Test
    void stripAsLongAsTheFrameEmitsEmptyFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldFrameDecoder(100, 0, 1, 0, 1));
        ch.writeInbound(Buffers.copyOf(new byte[] {0, 0, 0}));
        for (int i = 0; i < 3; i++) {
            Buffer frame = ch.readInbound();
            assertEquals(0, frame.readableBytes());
            frame.release();
        }
        assertFalse(ch.finish());
    }

    // ---- truncation ----------------------------------------------------------------------------

    @Test
    void aHeaderOrBodyCutShortAtCloseIsCorrupt() {
        byte[] frame = concat(new byte[] {7, 7}, field(5, 4, ByteOrder.BIG_ENDIAN), ascii("hello"));
        for (int cut = 1; cut < frame.length; cut++) {
            for (ChunkKind kind : ChunkKind.values()) {
                DecoderHarness.Run run = DecoderHarness.run(new LengthFieldFrameDecoder(1000, 2, 4, 0, 6),
                        ByteToMessageDecoder.COMPOSITE, Arrays.copyOf(frame, cut), DecoderHarness.byteByByte(cut), kind,
                        new Random(cut));
                assertEquals(List.of(CorruptedFrameException.class), run.exceptionTypes(), "cut " + cut);
                assertTrue(run.exceptions.get(0).getMessage().contains(": " + cut + " bytes (expected: none"),
                        run.exceptions.get(0).getMessage());
            }
        }
    }

    // ---- custom length encoding ----------------------------------------------------------------

    @Test
    void aSubclassMayReadTheLengthItsOwnWay() {
        // the field counts 4-byte words
        LengthFieldFrameDecoder decoder = new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 100, 0, 1, 0, 1,
                TooLongFrameAction.CLOSE) {
            @Override
            protected long getUnadjustedFrameLength(Buffer buf, int offset, int length, ByteOrder order) {
                return 4L * super.getUnadjustedFrameLength(buf, offset, length, order);
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(concat(new byte[] {2}, ascii("12345678"), new byte[] {1}, ascii("abcd"))));
        DecoderHarness.assertFrames(DecoderHarness.frames("12345678", "abcd"), recorder.frames, "words");
        ch.finishAndReleaseAll();
    }

    @Test
    void aNegativeLengthFromASubclassIsCorrupt() {
        LengthFieldFrameDecoder decoder = new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 100, 0, 1, 0, 1,
                TooLongFrameAction.CLOSE) {
            @Override
            protected long getUnadjustedFrameLength(Buffer buf, int offset, int length, ByteOrder order) {
                return -super.getUnadjustedFrameLength(buf, offset, length, order);
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(new byte[] {3, 1, 2, 3}));
        assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes());
        ch.finishAndReleaseAll();
    }

    /**
     * Frames.tooLong and Frames.truncated name the decoder by getClass().getSimpleName(), which is
     * empty for an anonymous subclass (a common way to override getUnadjustedFrameLength): the
     * message then starts with ": frame length ...".
     */
    @Test
    void anAnonymousSubclassIsStillNamedInItsMessages() {
        LengthFieldFrameDecoder decoder = new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 10, 0, 1, 0, 1,
                TooLongFrameAction.CLOSE) {
            @Override
            protected long getUnadjustedFrameLength(Buffer buf, int offset, int length, ByteOrder order) {
                return super.getUnadjustedFrameLength(buf, offset, length, order);
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(new byte[] {50}));
        ch.finishAndReleaseAll();
        String message = recorder.exceptions.get(0).getMessage();
        assertFalse(message.startsWith(":"), message);
        assertTrue(message.contains("LengthFieldFrameDecoder"), message);
    }

    // ---- arguments -----------------------------------------------------------------------------

    @Test
    void badArgumentsAreRefused() {
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        TooLongFrameAction close = TooLongFrameAction.CLOSE;
        assertThrows(IllegalArgumentException.class, () -> new LengthFieldFrameDecoder(0, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new LengthFieldFrameDecoder(-1, 0, 2));
        for (int bad : new int[] {0, 5, 6, 7, 9, -1}) {
            assertThrows(IllegalArgumentException.class, () -> new LengthFieldFrameDecoder(100, 0, bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new LengthFieldFrameDecoder(100, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> new LengthFieldFrameDecoder(100, 0, 2, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new LengthFieldFrameDecoder(10, 7, 4),
                "the header cannot fit the limit");
        new LengthFieldFrameDecoder(10, 6, 4); // exactly fits
        assertThrows(NullPointerException.class, () -> new LengthFieldFrameDecoder(null, 10, 0, 2, 0, 0, close));
        assertThrows(NullPointerException.class, () -> new LengthFieldFrameDecoder(be, 10, 0, 2, 0, 0, null));
    }
}
