package io.sluice.codec.frame;

import static io.sluice.codec.DecoderHarness.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.DecoderHarness.ChunkKind;
import io.sluice.codec.DecoderHarness.Probe;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every frame decoder keeps, checked for each one through {@link FrameSpec}: frames are
 * the same however the input is split; the limit is inclusive; an oversized frame is refused as
 * soon as it can be known; CLOSE ends the stream and releases everything; SKIP goes on with the
 * next frame; input ending inside a frame is reported; a decoder removed mid-stream hands its
 * bytes on exactly once; and nothing is held beyond the limit plus one read.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameDecoderContractTest {
    private static final int MAX = 100;

    static List<FrameSpec> all() {
        return FrameSpec.all();
    }

    static List<FrameSpec> limited() {
        return FrameSpec.limited();
    }

    private static byte[] stream(FrameSpec spec, List<byte[]> bodies, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            out.writeBytes(spec.encode(body, rnd));
        }
        return out.toByteArray();
    }

    private static List<byte[]> bodies(FrameSpec spec, int count, Random rnd) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(spec.body(spec.bodyLength(MAX, rnd), rnd));
        }
        return bodies;
    }

    // ---- same frames however the input arrives -------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void sameFramesWholeByteByByteAndInRandomSplits(FrameSpec spec) {
        Random rnd = new Random(42);
        List<byte[]> bodies = bodies(spec, 12, rnd);
        bodies.add(spec.body(spec.maxBody(MAX), rnd)); // one exactly at the limit
        byte[] input = stream(spec, bodies, rnd);
        DecoderHarness.assertSameFramesEverywhere(() -> spec.create(MAX, TooLongFrameAction.CLOSE), input, bodies,
                7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void emptyInputGivesNothingAndNoError(FrameSpec spec) {
        DecoderHarness.assertSameFramesEverywhere(() -> spec.create(MAX, TooLongFrameAction.CLOSE), new byte[0],
                List.of(), 1);
    }

    // ---- limits --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void aFrameExactlyAtTheLimitIsAccepted(FrameSpec spec) {
        Random rnd = new Random(1);
        byte[] body = spec.body(spec.maxBody(MAX), rnd);
        EmbeddedChannel ch = new EmbeddedChannel(spec.plain(MAX, TooLongFrameAction.CLOSE));
        assertTrue(ch.writeInbound(Buffers.copyOf(spec.encode(body, rnd))));
        Buffer frame = ch.readInbound();
        assertArrayEquals(body, Buffers.toByteArray(frame));
        frame.release();
        assertFalse(ch.finish());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void aFrameOneByteOverTheLimitIsRefusedNamingTheLimitAndTheDecoder(FrameSpec spec) {
        Random rnd = new Random(2);
        ByteToMessageDecoder decoder = spec.plain(MAX, TooLongFrameAction.CLOSE);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        Buffer in = Buffers.copyOf(spec.encode(spec.body(spec.tooLongBody(MAX), rnd), rnd));
        ch.writeInbound(in);
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        String message = recorder.exceptions.get(0).getMessage();
        assertTrue(message.contains(spec.toString()), "names the decoder: " + message);
        assertTrue(message.contains(String.valueOf(MAX)), "names the limit: " + message);
        assertTrue(recorder.frames.isEmpty());
        assertEquals(0, in.refCnt(), "the held bytes were released");
        assertFalse(ch.isOpen(), "CLOSE closes the channel");
        ch.finishAndReleaseAll();
        assertEquals(1, recorder.exceptions.size(), "nothing more at close: the stream already ended");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void theRefusalComesAsSoonAsTheFrameIsKnownToBeTooLong(FrameSpec spec) {
        for (TooLongFrameAction action : TooLongFrameAction.values()) {
            byte[] prefix = spec.failFastPrefix(MAX);
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(spec.create(MAX, action), recorder);
            // all but the last byte: not yet known
            ch.writeInbound(Buffers.copyOf(Arrays.copyOf(prefix, prefix.length - 1)));
            assertEquals(List.of(), recorder.exceptionTypes(), action + ": too early");
            ch.writeInbound(Buffers.copyOf(new byte[] {prefix[prefix.length - 1]}));
            assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes(),
                    action + ": refused on the byte that made it too long");
            assertEquals(action == TooLongFrameAction.SKIP, ch.isOpen(), action + ": open");
            if (action == TooLongFrameAction.SKIP) {
                assertTrue(((Probe) ch.pipeline().first()).held() <= MAX, "SKIP does not keep the oversized frame");
            }
            ch.finishAndReleaseAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void closeEndsTheStreamGracefullyAndReleasesLaterInput(FrameSpec spec) {
        Random rnd = new Random(3);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(spec.create(MAX, TooLongFrameAction.CLOSE), recorder);
        ch.stallOutput(true);
        ChannelFuture lastWords = ch.writeAndFlush(Buffers.copyOf("bye", StandardCharsets.US_ASCII));

        byte[] good = spec.body(5, rnd);
        Buffer first = Buffers.copyOf(concat(spec.encode(good, rnd), spec.failFastPrefix(MAX)));
        ch.writeInbound(first);
        DecoderHarness.assertFrames(List.of(good), recorder.frames, "the frame before the bad one");
        assertEquals(List.of(TooLongFrameException.class), recorder.exceptionTypes());
        assertEquals(0, first.refCnt(), "held bytes released");
        assertTrue(ch.isOpen(), "a graceful close waits for what was written");

        // input already on its way is released unread
        Buffer later = Buffers.copyOf(spec.encode(spec.body(3, rnd), rnd));
        ch.pipeline().fireChannelRead(later);
        ch.pipeline().fireChannelReadComplete();
        assertEquals(0, later.refCnt(), "later input released");
        assertEquals(1, recorder.frames.size(), "and not decoded");

        ch.stallOutput(false);
        assertTrue(lastWords.isSuccess(), "what was written before is still sent");
        assertFalse(ch.isOpen());
        Buffer sent = ch.readOutbound();
        assertEquals("bye", sent.toString(StandardCharsets.US_ASCII));
        sent.release();
        ch.finishAndReleaseAll();
        assertEquals(1, recorder.exceptions.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void skipFiresTheExceptionAndGoesOnWithTheNextFrameEvenWhenTheBadOneSpansManyReads(FrameSpec spec) {
        Random rnd = new Random(4);
        for (int chunk : new int[] {1, 3, 7, 64, 1000}) {
            byte[] before = spec.body(10, rnd);
            byte[] huge = spec.body(MAX * 5, rnd); // five times the limit: arrives in many reads
            byte[] after = spec.body(spec.maxBody(MAX), rnd);
            byte[] input = concat(spec.encode(before, rnd), spec.encode(huge, rnd), spec.encode(after, rnd));
            int[] chunks = new int[(input.length + chunk - 1) / chunk];
            Arrays.fill(chunks, chunk);
            chunks[chunks.length - 1] = input.length - chunk * (chunks.length - 1);
            DecoderHarness.Run run = DecoderHarness.run(spec.create(MAX, TooLongFrameAction.SKIP),
                    ByteToMessageDecoder.MERGE, input, chunks, ChunkKind.HEAP, rnd);
            DecoderHarness.assertFrames(List.of(before, after), run.frames, "chunk " + chunk);
            assertEquals(List.of(TooLongFrameException.class), run.exceptionTypes(), "chunk " + chunk);
            assertTrue(run.exceptions.get(0).getMessage().contains(String.valueOf(MAX)));
            assertFalse(run.closedEarly);
            assertTrue(run.peakHeldAfterRead <= MAX + spec.heldSlack(),
                    "chunk " + chunk + ": held " + run.peakHeldAfterRead);
            assertTrue(run.peakAtDecode <= MAX + spec.heldSlack() + chunk,
                    "chunk " + chunk + ": decode was handed " + run.peakAtDecode);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void heldBytesNeverExceedTheLimitPlusOneRead(FrameSpec spec) {
        Random rnd = new Random(5);
        for (TooLongFrameAction action : TooLongFrameAction.values()) {
            List<byte[]> bodies = new ArrayList<>();
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            for (int i = 0; i < 40; i++) {
                byte[] body = spec.body(spec.maxBody(MAX) - rnd.nextInt(3), rnd);
                bodies.add(body);
                input.writeBytes(spec.encode(body, rnd));
            }
            byte[] bytes = input.toByteArray();
            for (int round = 0; round < 4; round++) {
                int[] chunks = DecoderHarness.randomSplits(bytes.length, rnd, 3 * MAX);
                ByteToMessageDecoder.Cumulator c = round % 2 == 0 ? ByteToMessageDecoder.MERGE
                        : ByteToMessageDecoder.COMPOSITE;
                DecoderHarness.Run run = DecoderHarness.run(spec.create(MAX, action), c, bytes, chunks, null, rnd);
                DecoderHarness.assertFrames(bodies, run.frames, run.description);
                assertTrue(run.peakHeldAfterRead <= MAX + spec.heldSlack(), run + " held " + run.peakHeldAfterRead);
                assertTrue(run.peakAtDecode <= MAX + spec.heldSlack() + run.largestChunk,
                        run + " decode was handed " + run.peakAtDecode);
            }
        }
    }

    // ---- end of input --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void inputEndingInsideAFrameIsCorruptedAtFinish(FrameSpec spec) {
        Random rnd = new Random(6);
        byte[] frame = spec.encode(spec.body(20, rnd), rnd);
        for (int cut : new int[] {1, frame.length / 2, frame.length - 1}) {
            EmbeddedChannel ch = new EmbeddedChannel(spec.plain(MAX, TooLongFrameAction.CLOSE));
            Buffer in = Buffers.copyOf(Arrays.copyOf(frame, cut));
            assertFalse(ch.writeInbound(in));
            CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish, "cut " + cut);
            assertTrue(e.getMessage().contains(spec.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(cut + " bytes"), e.getMessage());
            assertEquals(0, in.refCnt(), "the partial frame was released");
            assertNull(ch.readInbound());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void inputShutdownInsideAFrameIsCorruptedThroughExceptionCaught(FrameSpec spec) {
        Random rnd = new Random(7);
        byte[] good = spec.body(spec.hasLimit() ? 4 : MAX, rnd);
        byte[] partial = spec.encode(spec.body(20, rnd), rnd);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(spec.plain(MAX, TooLongFrameAction.CLOSE), recorder);
        Buffer in = Buffers.copyOf(concat(spec.encode(good, rnd), Arrays.copyOf(partial, partial.length - 1)));
        ch.writeInbound(in);
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        DecoderHarness.assertFrames(List.of(good), recorder.frames, spec.toString());
        assertEquals(List.of(CorruptedFrameException.class), recorder.exceptionTypes());
        assertEquals(0, in.refCnt());

        Buffer late = Buffers.copyOf(spec.encode(good, rnd));
        ch.pipeline().fireChannelRead(late);
        assertEquals(0, late.refCnt(), "input after the end is released");
        assertEquals(1, recorder.frames.size());
        ch.finishAndReleaseAll();
        assertEquals(1, recorder.exceptions.size(), "decodeLast runs once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void inputEndingAtAFrameBoundaryIsClean(FrameSpec spec) {
        Random rnd = new Random(8);
        byte[] body = spec.body(spec.bodyLength(MAX, rnd), rnd);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(spec.plain(MAX, TooLongFrameAction.CLOSE), recorder);
        ch.writeInbound(Buffers.copyOf(spec.encode(body, rnd)));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertTrue(ch.isOpen(), "input shutdown alone does not close");
        ch.finishAndReleaseAll();
        DecoderHarness.assertFrames(List.of(body), recorder.frames, spec.toString());
        assertEquals(List.of(), recorder.exceptionTypes());
    }

    // ---- removal -------------------------------------------------------------------------------

    /** Passes everything on and removes {@code decoder} after the {@code after}-th message. */
    static final class RemoveAfter implements ChannelHandler {
        private final ChannelHandler decoder;
        private final int after;
        private int seen;

        RemoveAfter(ChannelHandler decoder, int after) {
            this.decoder = decoder;
            this.after = after;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (++seen == after) {
                ctx.pipeline().remove(decoder);
            }
            ctx.fireChannelRead(msg);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void removedMidStreamTheDecoderHandsItsBytesOnExactlyOnce(FrameSpec spec) {
        Random rnd = new Random(9);
        List<byte[]> bodies = bodies(spec, 6, rnd);
        List<byte[]> encoded = new ArrayList<>();
        for (byte[] b : bodies) {
            encoded.add(spec.encode(b, rnd));
        }
        byte[] input = concat(encoded.toArray(new byte[0][]));
        for (int removeAfter = 1; removeAfter <= 3; removeAfter++) {
            byte[] rest = concat(encoded.subList(removeAfter, encoded.size()).toArray(new byte[0][]));
            List<int[]> splits = List.of(DecoderHarness.whole(input.length), DecoderHarness.byteByByte(input.length),
                    DecoderHarness.randomSplits(input.length, rnd, 40));
            for (int[] split : splits) {
                for (ByteToMessageDecoder.Cumulator c : List.of(ByteToMessageDecoder.MERGE,
                        ByteToMessageDecoder.COMPOSITE)) {
                    ByteToMessageDecoder decoder = spec.create(MAX, TooLongFrameAction.CLOSE);
                    decoder.setCumulator(c);
                    Recorder recorder = new Recorder();
                    EmbeddedChannel ch = new EmbeddedChannel(decoder, new RemoveAfter(decoder, removeAfter), recorder);
                    int at = 0;
                    for (int size : split) {
                        ch.writeInbound(DecoderHarness.chunk(input, at, size, ChunkKind.HEAP, rnd));
                        at += size;
                    }
                    assertFalse(ch.finish(), "nothing left in the channel");
                    String context = "remove after " + removeAfter + ", " + split.length + " chunks";
                    assertEquals(List.of(), recorder.exceptionTypes(), context);
                    DecoderHarness.assertFrames(bodies.subList(0, removeAfter),
                            recorder.frames.subList(0, Math.min(removeAfter, recorder.frames.size())), context);
                    List<byte[]> leftovers = recorder.frames.subList(removeAfter, recorder.frames.size());
                    assertArrayEquals(rest, concat(leftovers.toArray(new byte[0][])),
                            context + ": the undecoded bytes reach the next handler exactly once, in order");
                    assertNull(ch.pipeline().get(decoder.getClass()), "removed");
                }
            }
        }
    }

    // ---- other connections ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("limited")
    void aFailingConnectionDoesNotDisturbAnother(FrameSpec spec) {
        Random rnd = new Random(10);
        Recorder badRecorder = new Recorder();
        Recorder goodRecorder = new Recorder();
        EmbeddedChannel bad = new EmbeddedChannel(spec.create(MAX, TooLongFrameAction.CLOSE), badRecorder);
        EmbeddedChannel good = new EmbeddedChannel(spec.create(MAX, TooLongFrameAction.CLOSE), goodRecorder);
        List<byte[]> bodies = bodies(spec, 10, rnd);
        byte[] input = stream(spec, bodies, rnd);
        byte[] garbage = spec.failFastPrefix(MAX);
        // interleave: half the good stream, the garbage, the other half
        int half = input.length / 2;
        good.writeInbound(Buffers.copyOf(Arrays.copyOf(input, half)));
        bad.writeInbound(Buffers.copyOf(garbage));
        good.writeInbound(Buffers.copyOf(Arrays.copyOfRange(input, half, input.length)));
        assertFalse(bad.isOpen());
        assertEquals(List.of(TooLongFrameException.class), badRecorder.exceptionTypes());
        assertTrue(good.isOpen());
        assertEquals(List.of(), goodRecorder.exceptionTypes());
        DecoderHarness.assertFrames(bodies, goodRecorder.frames, "the good connection");
        bad.finishAndReleaseAll();
        good.finishAndReleaseAll();
        assertEquals(List.of(), goodRecorder.exceptionTypes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void aDecoderBelongsToOnePipeline(FrameSpec spec) {
        ByteToMessageDecoder decoder = spec.plain(MAX, TooLongFrameAction.CLOSE);
        EmbeddedChannel one = new EmbeddedChannel(decoder);
        assertThrows(RuntimeException.class, () -> new EmbeddedChannel(decoder), "not @Sharable");
        one.finishAndReleaseAll();
    }

    // ---- singleDecode --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void singleDecodeEmitsOneFramePerRead(FrameSpec spec) {
        Random rnd = new Random(11);
        List<byte[]> bodies = bodies(spec, 3, rnd);
        ByteToMessageDecoder decoder = spec.plain(MAX, TooLongFrameAction.CLOSE);
        decoder.setSingleDecode(true);
        assertTrue(decoder.isSingleDecode());
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(Buffers.copyOf(stream(spec, bodies, rnd)));
        assertEquals(1, recorder.frames.size());
        ch.writeInbound(Buffers.copyOf(new byte[0]));
        assertEquals(2, recorder.frames.size());
        ch.writeInbound(Buffers.copyOf(new byte[0]));
        ch.finishAndReleaseAll();
        DecoderHarness.assertFrames(bodies, recorder.frames, spec.toString());
        assertEquals(List.of(), recorder.exceptionTypes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void framesAreRetainedSlicesTheReceiverOwns(FrameSpec spec) {
        Random rnd = new Random(12);
        byte[] body = spec.body(spec.maxBody(MAX), rnd);
        EmbeddedChannel ch = new EmbeddedChannel(spec.plain(MAX, TooLongFrameAction.CLOSE));
        Buffer in = Buffers.copyOf(spec.encode(body, rnd));
        ch.writeInbound(in);
        Buffer frame = ch.readInbound();
        assertInstanceOf(Buffer.class, frame);
        assertEquals(1, in.refCnt(), "the frame keeps the input alive (no copy)");
        assertArrayEquals(body, Buffers.toByteArray(frame));
        frame.release();
        assertEquals(0, in.refCnt());
        assertFalse(ch.finish());
    }
}
