package io.sluice.codec;

import static io.sluice.codec.DecoderHarness.ascii;
import static io.sluice.codec.DecoderHarness.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness.Recorder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decode loop, cumulation, end of input, failure and removal rules of ByteToMessageDecoder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ByteToMessageDecoderTest {

    // ---- decoders used here --------------------------------------------------------------------

    /** Emits two-byte frames, one per call. Counts its calls. */
    static class Pairs extends ByteToMessageDecoder {
        int decodeCalls;
        int decodeLastCalls;
        int removedCalls;
        final List<Integer> decodeLastSizes = new ArrayList<>();

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            decodeCalls++;
            if (in.readableBytes() >= 2) {
                out.add(in.readRetainedSlice(2));
            }
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            decodeLastCalls++;
            decodeLastSizes.add(in.readableBytes());
            super.decodeLast(ctx, in, out);
        }

        @Override
        protected void handlerRemoved0(ChannelHandlerContext ctx) {
            removedCalls++;
        }
    }

    /** Emits every whole two-byte frame in one call. */
    static class AllPairs extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            while (in.readableBytes() >= 2) {
                out.add(in.readRetainedSlice(2));
            }
        }
    }

    /** A four-byte big-endian length (read with getInt, so it may span buffers), then the body. */
    static class IntLength extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            if (in.readableBytes() < 4) {
                return;
            }
            int length = in.getInt(in.readerIndex());
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            out.add(in.readRetainedSlice(length));
        }
    }

    private static Buffer buf(String ascii) {
        return Buffers.copyOf(ascii, StandardCharsets.ISO_8859_1);
    }

    private static String text(Buffer b) {
        try {
            return b.toString(StandardCharsets.ISO_8859_1);
        } finally {
            b.release();
        }
    }

    // ---- the loop ------------------------------------------------------------------------------

    @Test
    void messagesThatAreNotBuffersPassThroughUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new Pairs());
        Object msg = new Object();
        assertTrue(ch.writeInbound(msg));
        assertSame(msg, ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void everyFrameOfOneReadIsPassedOnInOrder() {
        Recorder recorder = new Recorder();
        Pairs decoder = new Pairs();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("aabbccd"));
        DecoderHarness.assertFrames(frames("aa", "bb", "cc"), recorder.frames, "one read");
        assertEquals(4, decoder.decodeCalls, "called until a call made no progress");
        ch.writeInbound(buf("d"));
        DecoderHarness.assertFrames(frames("aa", "bb", "cc", "dd"), recorder.frames, "the rest");
        assertEquals(2, recorder.readCompletes);
        assertFalse(ch.finish());
    }

    @Test
    void emptyReadsAreReleasedAndDoNotCallDecode() {
        Pairs decoder = new Pairs();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        Buffer empty = Buffers.copyOf(new byte[0]);
        ch.writeInbound(empty);
        assertEquals(0, empty.refCnt());
        assertEquals(0, decoder.decodeCalls);
        ch.writeInbound(buf("a"));
        Buffer empty2 = BufferAllocator.pooled().directBuffer(16);
        ch.writeInbound(empty2);
        assertEquals(0, empty2.refCnt());
        ch.writeInbound(buf("a"));
        assertEquals("aa", text(ch.readInbound()));
        assertFalse(ch.finish());
    }

    @Test
    void aDecoderMayReadWithoutEmittingAndIsCalledAgain() {
        // drops '-' one byte per call, emits pairs of other bytes
        ByteToMessageDecoder decoder = new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                if (in.getByte(in.readerIndex()) == '-') {
                    in.skipBytes(1);
                } else if (in.readableBytes() >= 2) {
                    out.add(in.readRetainedSlice(2));
                }
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("---ab---cd--e"));
        DecoderHarness.assertFrames(frames("ab", "cd"), recorder.frames, "skipping");
        ch.finishAndReleaseAll();
    }

    @Test
    void framesSpanningReadsAreTheSameWithEveryCumulatorAndBufferKind() {
        Random rnd = new Random(99);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] body = new byte[rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(300)];
            rnd.nextBytes(body);
            expected.add(body);
            input.write(body.length >>> 24);
            input.write(body.length >>> 16);
            input.write(body.length >>> 8);
            input.write(body.length);
            input.writeBytes(body);
        }
        DecoderHarness.assertSameFramesEverywhere(IntLength::new, input.toByteArray(), expected, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void aFrameStillHeldDownstreamIsNeverOverwrittenByLaterReads(String cumulatorName) {
        ByteToMessageDecoder.Cumulator cumulator = cumulatorName.equals("MERGE") ? ByteToMessageDecoder.MERGE
                : ByteToMessageDecoder.COMPOSITE;
        Pairs decoder = new Pairs();
        decoder.setCumulator(cumulator);
        EmbeddedChannel ch = new EmbeddedChannel(decoder); // frames wait in the channel, unreleased
        // a first read with little spare room: appending would move or overwrite bytes if shared
        Buffer first = BufferAllocator.unpooled().heapBuffer(4).writeBytes(ascii("abX"));
        ch.writeInbound(first);
        Buffer held = ch.readInbound();
        for (int i = 0; i < 40; i++) {
            ch.writeOneInbound(buf("YZW"));
        }
        ch.pipeline().fireChannelReadComplete();
        assertEquals("ab", text(held), "the held frame kept its bytes");
        StringBuilder rest = new StringBuilder();
        for (Buffer b; (b = ch.readInbound()) != null; ) {
            rest.append(text(b));
        }
        assertEquals(("X" + "YZW".repeat(40)).substring(0, 120), rest.toString());
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void aLongStreamOfSmallMessagesDoesNotGrowTheCumulation(String cumulatorName) {
        ByteToMessageDecoder.Cumulator cumulator = cumulatorName.equals("MERGE") ? ByteToMessageDecoder.MERGE
                : ByteToMessageDecoder.COMPOSITE;
        int[] peakCapacity = {0};
        ByteToMessageDecoder decoder = new Pairs() {
            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                peakCapacity[0] = Math.max(peakCapacity[0], in.capacity());
                super.decode(ctx, in, out);
            }
        };
        decoder.setCumulator(cumulator);
        Recorder recorder = new Recorder(); // releases each frame at once
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        for (int i = 0; i < 3000; i++) {
            if (i % 2 == 0) {
                ch.writeOneInbound(buf("abc")); // no channelReadComplete: compaction by read count
            } else {
                ch.writeInbound(buf("abc"));
            }
        }
        assertEquals(4500, recorder.frames.size());
        assertTrue(peakCapacity[0] <= 1024, "the cumulation stayed small: peak capacity " + peakCapacity[0]);
        assertFalse(ch.finish());
    }

    // ---- failures ------------------------------------------------------------------------------

    @Test
    void aDecodeThatEmitsWithoutReadingFailsNamingTheDecoder() {
        ByteToMessageDecoder decoder = new Lazy();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        Buffer in = buf("abc");
        ch.writeInbound(in);
        assertEquals(List.of("nothing read"), recorder.others, "what it emitted is still passed on");
        assertEquals(List.of(DecoderException.class), recorder.exceptionTypes());
        String message = recorder.exceptions.get(0).getMessage();
        assertTrue(message.contains(Lazy.class.getName()), message);
        assertTrue(message.contains("without reading"), message);
        assertEquals(0, in.refCnt(), "held bytes released");
        assertFalse(ch.isOpen(), "the stream ended");
        ch.finishAndReleaseAll();
    }

    /** Emits a message without reading the input. */
    static final class Lazy extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            out.add("nothing read");
        }
    }

    /** Emits pairs; throws on an 'X' at the start of the input, after emitting what came before it. */
    static final class Picky extends ByteToMessageDecoder {
        final RuntimeException toThrow;

        Picky(RuntimeException toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            while (in.readableBytes() >= 2) {
                if (in.getByte(in.readerIndex()) == 'X') {
                    throw toThrow;
                }
                out.add(in.readRetainedSlice(2));
            }
        }
    }

    @Test
    void aDecodeThatThrowsEndsTheStreamAfterPassingOnWhatCameBefore() {
        IllegalStateException cause = new IllegalStateException("bad byte");
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Picky(cause), recorder);
        Buffer first = BufferAllocator.unpooled().heapBuffer(64).writeBytes(ascii("a"));
        ch.writeInbound(first); // kept as the cumulation: the next read is appended into it
        Buffer second = buf("abbXXcc");
        Buffer later = buf("dd");
        ch.writeInbound(second, later); // 'later' arrives in the same batch, after the failure
        assertEquals(List.of("F:6161", "F:6262", "E:DecoderException"), recorder.events,
                "frames before the throw, in order, then the exception");
        DecoderException e = (DecoderException) recorder.exceptions.get(0);
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains(Picky.class.getName()), e.getMessage());
        assertEquals(0, first.refCnt(), "held bytes released");
        assertEquals(0, second.refCnt());
        assertEquals(0, later.refCnt(), "later input released unread");
        assertFalse(ch.isOpen(), "closed");
        ch.finishAndReleaseAll();
        assertEquals(1, recorder.exceptions.size(), "decodeLast does not run after a failure");
    }

    @Test
    void aThrownDecoderExceptionIsPassedOnAsItIs() {
        CorruptedFrameException cause = new CorruptedFrameException("Picky: corrupt");
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Picky(cause), recorder);
        ch.writeInbound(buf("XX"));
        assertEquals(1, recorder.exceptions.size());
        assertSame(cause, recorder.exceptions.get(0));
        ch.finishAndReleaseAll();
    }

    @Test
    void aFailureClosesGracefully() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Picky(new IllegalStateException()), recorder);
        ch.stallOutput(true);
        var written = ch.writeAndFlush(buf("reply"));
        ch.writeInbound(buf("XX"));
        assertTrue(ch.isOpen(), "waits for what was written");
        ch.stallOutput(false);
        assertTrue(written.isSuccess());
        assertFalse(ch.isOpen());
        assertEquals("reply", text(ch.readOutbound()));
        ch.finishAndReleaseAll();
    }

    @Test
    void anExceptionThrownDownstreamDoesNotEndTheStream() {
        ChannelHandler thrower = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                Buffer b = (Buffer) msg;
                if (b.getByte(b.readerIndex()) == 'b') {
                    b.release();
                    throw new IllegalStateException("downstream");
                }
                ctx.fireChannelRead(msg);
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Pairs(), thrower, recorder);
        ch.writeInbound(buf("aabbcc"));
        DecoderHarness.assertFrames(frames("aa", "cc"), recorder.frames, "frames after the throw");
        assertEquals(List.of(IllegalStateException.class), recorder.exceptionTypes());
        assertTrue(ch.isOpen());
        ch.writeInbound(buf("dd"));
        assertEquals(3, recorder.frames.size());
        assertFalse(ch.finishAndReleaseAll());
    }

    // ---- end of input --------------------------------------------------------------------------

    @Test
    void decodeLastRunsOnceAtInactiveWithTheBytesLeft() {
        Pairs decoder = new Pairs();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("aab"));
        assertFalse(ch.finish());
        assertEquals(1, decoder.decodeLastCalls);
        assertEquals(List.of(1), decoder.decodeLastSizes);
        DecoderHarness.assertFrames(frames("aa"), recorder.frames, "frames");
    }

    @Test
    void decodeLastRunsEvenWithNothingHeld() {
        Pairs decoder = new Pairs();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        assertFalse(ch.finish());
        assertEquals(1, decoder.decodeLastCalls);
        assertEquals(List.of(0), decoder.decodeLastSizes, "an empty buffer");
    }

    /** Emits all that is left at the end of input as one message, followed by a marker. */
    static final class UntilEnd extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {}

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            out.add(in.readRetainedSlice(in.readableBytes()));
        }
    }

    @Test
    void whatDecodeLastEmitsArrivesBeforeReadCompleteAndInactive() {
        List<String> events = new ArrayList<>();
        ChannelHandler watcher = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                events.add("read:" + text((Buffer) msg));
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                events.add("readComplete");
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                events.add("inactive");
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(new UntilEnd(), watcher);
        ch.writeInbound(buf("all of it"));
        events.clear();
        ch.finish();
        assertEquals(List.of("read:all of it", "readComplete", "inactive"), events);
    }

    @Test
    void inputShutdownRunsDecodeLastOnceAndLaterInputIsReleased() {
        Pairs decoder = new Pairs();
        List<Object> userEvents = new ArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                userEvents.add(event);
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("aab"));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertEquals(1, decoder.decodeLastCalls);
        assertEquals(List.of(ChannelInputShutdownEvent.INSTANCE), userEvents, "the event is passed on");
        assertTrue(ch.isOpen());
        Buffer late = buf("cc");
        ch.writeInbound(late);
        assertEquals(0, late.refCnt());
        ch.finish();
        assertEquals(1, decoder.decodeLastCalls, "not again at inactive");
        DecoderHarness.assertFrames(frames("aa"), recorder.frames, "frames");
    }

    /**
     * A handler further on signals the end of input (ChannelInputShutdownEvent) while the decoder
     * is passing on a frame. endInput() then runs a nested decodeKept() on the same cumulation and
     * the same shared output list the outer passOn() is iterating: the nested passOn() fires the
     * outer's already-nulled slot (fireChannelRead(null): NullPointerException "msg", reported as a
     * DecoderException), the frames decoded by the nested call are lost and one leaks, and the
     * nested call resets inDecodeLoop under the outer loop.
     */
    @Test
    void anEndOfInputSignalledFromDownstreamMidLoopDecodesTheRestInOrder() {
        ChannelHandler quitter = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean quit = msg instanceof Buffer && "QUIT".equals(((Buffer) msg).toString(StandardCharsets.US_ASCII));
                ctx.fireChannelRead(msg);
                if (quit) {
                    ctx.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                }
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new io.sluice.codec.frame.LineFrameDecoder(100), quitter, recorder);
        ch.writeInbound(buf("a\nQUIT\nb\nc\nd"));
        ch.finishAndReleaseAll();
        assertEquals(List.of("F:61", "F:51554954", "F:62", "F:63", "E:CorruptedFrameException"), recorder.events);
    }

    // ---- auto-read -----------------------------------------------------------------------------

    @Test
    void withAutoReadOffTheDecoderAsksForMoreWhenABatchGaveNothing() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Pairs(), recorder);
        ch.config().autoRead(false);
        int before = ch.readRequests();
        ch.writeInbound(buf("a"));
        assertEquals(before + 1, ch.readRequests(), "half a frame: read on");
        ch.writeInbound(buf("a"));
        assertEquals(before + 1, ch.readRequests(), "a frame was passed on: the application decides");
        ch.writeInbound(buf("bbc"));
        assertEquals(before + 1, ch.readRequests());
        ch.writeInbound(buf("c"));
        assertEquals(before + 1, ch.readRequests());
        assertEquals(3, recorder.frames.size());
        ch.config().autoRead(true);
        ch.finishAndReleaseAll();
    }

    // ---- removal -------------------------------------------------------------------------------

    @Test
    void removedBetweenReadsTheHeldBytesGoToTheNextHandlerOnce() {
        Pairs decoder = new Pairs();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("aabbc"));
        int completes = recorder.readCompletes;
        ch.pipeline().remove(decoder);
        assertEquals(List.of("F:6161", "F:6262", "F:63"), recorder.events);
        assertEquals(completes + 1, recorder.readCompletes, "followed by channelReadComplete");
        assertEquals(1, decoder.removedCalls, "handlerRemoved0 ran");
        ch.writeInbound(buf("cdd"));
        assertEquals(List.of("F:6161", "F:6262", "F:63", "F:636464"), recorder.events, "later reads pass by");
        assertFalse(ch.finish());
    }

    @Test
    void removedWithNothingHeldPassesNothingOn() {
        Pairs decoder = new Pairs();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("aa"));
        int completes = recorder.readCompletes;
        ch.pipeline().remove(decoder);
        assertEquals(1, recorder.frames.size());
        assertEquals(completes, recorder.readCompletes);
        assertEquals(1, decoder.removedCalls);
        assertFalse(ch.finish());
    }

    /** Removes {@code target} when the {@code n}-th message passes. */
    static final class RemoveOn implements ChannelHandler {
        final ChannelHandler target;
        final int n;
        int seen;

        RemoveOn(ChannelHandler target, int n) {
            this.target = target;
            this.n = n;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (++seen == n) {
                ctx.pipeline().remove(target);
            }
            ctx.fireChannelRead(msg);
        }
    }

    @Test
    void removedByADownstreamHandlerMidLoopTheRestOfTheReadFollowsAsBytes() {
        Pairs decoder = new Pairs();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new RemoveOn(decoder, 1), recorder);
        ch.writeInbound(buf("aabbccd"));
        assertEquals(List.of("F:6161", "F:62626363" + "64"), recorder.events,
                "one frame, then everything undecoded as one buffer");
        assertEquals(1, decoder.removedCalls);
        assertFalse(ch.finish());
    }

    @Test
    void removedWhileEmittingSeveralMessagesOfOneCallTheyStillComeBeforeTheLeftover() {
        AllPairs decoder = new AllPairs();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new RemoveOn(decoder, 2), recorder);
        ch.writeInbound(buf("aa"));
        ch.writeInbound(buf("bbccdde")); // removed on "bb": "cc" and "dd" were emitted by the same call
        assertEquals(List.of("F:6161", "F:6262", "F:6363", "F:6464", "F:65"), recorder.events);
        ch.writeInbound(buf("ff"));
        assertEquals("F:6666", recorder.events.get(5), "later input bypasses the removed decoder");
        assertFalse(ch.finish());
    }

    @Test
    void removedOnTheFirstMessageOfACallTheRemainingMessagesOfThatCallStillComeFirst() {
        AllPairs decoder = new AllPairs();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new RemoveOn(decoder, 1), recorder);
        ch.writeInbound(buf("aabbccd"));
        assertEquals(List.of("F:6161", "F:6262", "F:6363", "F:64"), recorder.events);
        assertFalse(ch.finish());
    }

    @Test
    void aProtocolSwitchReplacesTheDecoderAndTheNextOneGetsTheRestOfTheRead() {
        // the first decoder reads a one-byte greeting, then the pipeline switches to pairs
        ByteToMessageDecoder greeting = new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                out.add("greeting:" + (char) in.readByte());
            }
        };
        greeting.setSingleDecode(true);
        Pairs pairs = new Pairs();
        ChannelHandler switcher = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof String) {
                    ctx.pipeline().replace(greeting, "pairs", pairs);
                }
                ctx.fireChannelRead(msg);
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(greeting, switcher, recorder);
        ch.writeInbound(buf("Gaabbc"));
        assertEquals(List.of("M:greeting:G", "F:6161", "F:6262"), recorder.events);
        ch.writeInbound(buf("c"));
        assertEquals("F:6363", recorder.events.get(3));
        assertFalse(ch.finish());
    }

    /**
     * endInput() runs decodeLast with inDecodeLoop set, so a removal triggered while its messages
     * are passed on only sets removedInDecodeLoop; unlike decodeKept, endInput never calls
     * handlerRemoved again, so handlerRemoved0 (the subclass's clean-up) never runs.
     */
    @Test
    void removedWhileDecodeLastEmitsTheDecoderStillFinishesItsRemoval() {
        Pairs decoder = new Pairs() {
            @Override
            protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                out.add("last");
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new RemoveOn(decoder, 1), recorder);
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.finishAndReleaseAll();
        assertEquals(List.of("M:last"), recorder.events);
        assertEquals(1, decoder.removedCalls, "handlerRemoved0 ran");
    }

    // ---- re-entrance ---------------------------------------------------------------------------

    /** On the first frame, feeds {@code more} into the pipeline from the head, then passes the frame on. */
    static final class Reenter implements ChannelHandler {
        final String more;
        final boolean releaseFirst;
        boolean done;

        Reenter(String more, boolean releaseFirst) {
            this.more = more;
            this.releaseFirst = releaseFirst;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!done) {
                done = true;
                if (releaseFirst) {
                    String t = text((Buffer) msg);
                    ctx.pipeline().fireChannelRead(buf(more));
                    ctx.fireChannelRead(buf(t));
                    return;
                }
                ctx.pipeline().fireChannelRead(buf(more));
            }
            ctx.fireChannelRead(msg);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE", "MERGE-released", "COMPOSITE-released"})
    void aReadReenteringFromDownstreamIsDecodedInOrderAfterTheCurrentOne(String mode) {
        for (String first : List.of("aabbc", "aa", "aab")) {
            Pairs decoder = new Pairs();
            decoder.setCumulator(mode.startsWith("MERGE") ? ByteToMessageDecoder.MERGE
                    : ByteToMessageDecoder.COMPOSITE);
            Recorder recorder = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(decoder, new Reenter("cddee", mode.endsWith("released")),
                    recorder);
            ch.writeInbound(buf(first));
            ch.writeInbound(buf("f".repeat(first.length() % 2 == 0 ? 1 : 0)));
            StringBuilder all = new StringBuilder();
            for (byte[] f : recorder.frames) {
                all.append(new String(f, StandardCharsets.ISO_8859_1)).append('|');
            }
            String expected = (first + "cddee" + (first.length() % 2 == 0 ? "f" : "")).replaceAll("(..)", "$1|");
            assertEquals(expected, all.toString(), mode + " first read " + first);
            assertEquals(List.of(), recorder.exceptionTypes());
            assertFalse(ch.finish());
        }
    }

    /**
     * The no-progress guard compares in.readableBytes() before and after a decode call; a read
     * re-entering from downstream while the call's messages are passed on is appended to the same
     * cumulation (MERGE when it is not shared, COMPOSITE when it is already an unshared composite).
     * When it brings exactly as many bytes as the call consumed, the guard sees "emitted without
     * reading", fails the stream and closes the channel.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void aReadReenteringWithAsManyBytesAsTheFrameTookIsNotMistakenForNoProgress(String mode) {
        Pairs decoder = new Pairs();
        decoder.setCumulator(mode.equals("MERGE") ? ByteToMessageDecoder.MERGE : ByteToMessageDecoder.COMPOSITE);
        Recorder recorder = new Recorder();
        // the frame is released before re-entering, so the cumulation is not shared and grows in place
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new Reenter("dd", true), recorder);
        Buffer first = BufferAllocator.unpooled().heapBuffer(64).writeBytes(ascii("aabbc"));
        if (mode.equals("COMPOSITE")) {
            first = BufferAllocator.unpooled().compositeBuffer().addComponent(first); // appended to in place
        }
        ch.writeInbound(first);
        boolean open = ch.isOpen();
        if (open) {
            ch.writeInbound(buf("c"));
        }
        ch.finishAndReleaseAll();
        assertEquals(List.of(), recorder.exceptionTypes(), "a read that arrived mid-loop is progress, not a stall");
        assertTrue(open);
        DecoderHarness.assertFrames(frames("aa", "bb", "cd", "dc"), recorder.frames, mode);
    }

    // ---- cases from Netty's ByteToMessageDecoderTest, in Sluice's terms -------------------------

    @Test
    void aDecoderThatRemovesItselfInDecodeIsNotCalledAgainAndTheRestGoesOn() {
        List<Integer> refCntAfterRemove = new ArrayList<>();
        ByteToMessageDecoder decoder = new ByteToMessageDecoder() {
            int calls;

            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                assertEquals(1, ++calls, "called once");
                in.skipBytes(1);
                ctx.pipeline().remove(this);
                refCntAfterRemove.add(in.refCnt()); // still held: removal waits for the loop
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(buf("abc"));
        assertEquals(List.of(1), refCntAfterRemove);
        assertEquals("bc", text(ch.readInbound()));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void aReadOnlyFirstReadIsCumulatedWithoutWritingIntoIt(String name) {
        IntLength decoder = new IntLength();
        decoder.setCumulator(name.equals("MERGE") ? ByteToMessageDecoder.MERGE : ByteToMessageDecoder.COMPOSITE);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        Buffer first = BufferAllocator.unpooled().heapBuffer(8).writeBytes(new byte[] {0, 0, 0}).asReadOnly();
        assertFalse(ch.writeInbound(first));
        assertTrue(ch.writeInbound(Buffers.copyOf(new byte[] {2, 'h', 'i'})));
        assertEquals("hi", text(ch.readInbound()));
        assertFalse(ch.finish());
    }

    @Test
    void messagesFiredFromDecodeThenTheLeftoverAfterRemovalKeepTheirOrder() {
        ByteToMessageDecoder decoder = new ByteToMessageDecoder() {
            int count;

            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                out.add(in.readByte());
                if (++count == 4) {
                    ctx.pipeline().remove(this);
                }
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        assertTrue(ch.writeInbound(Buffers.copyOf(new byte[] {1, 2, 3, 4, 5})));
        for (byte b = 1; b <= 4; b++) {
            assertEquals(b, (byte) ch.readInbound());
        }
        Buffer fifth = ch.readInbound();
        assertEquals(5, fifth.readByte());
        assertFalse(fifth.isReadable());
        fifth.release();
        assertFalse(ch.finish());
    }

    // ---- misc ----------------------------------------------------------------------------------

    @Test
    void aNullCumulatorIsRefused() {
        assertThrows(NullPointerException.class, () -> new Pairs().setCumulator(null));
    }

    @Test
    void theDefaultCumulatorIsMergeAndCompositeWorksToo() {
        for (ByteToMessageDecoder.Cumulator c : List.of(ByteToMessageDecoder.MERGE, ByteToMessageDecoder.COMPOSITE)) {
            Pairs decoder = new Pairs();
            decoder.setCumulator(c);
            EmbeddedChannel ch = new EmbeddedChannel(decoder);
            for (char x = 'a'; x <= 'z'; x++) {
                ch.writeInbound(buf(String.valueOf(x)));
            }
            StringBuilder all = new StringBuilder();
            for (Buffer b; (b = ch.readInbound()) != null; ) {
                all.append(text(b));
            }
            assertEquals("abcdefghijklmnopqrstuvwxyz", all.toString());
            assertFalse(ch.finish());
        }
    }

    @Test
    void aFailedDecoderRemovedLaterPassesNothingOn() {
        Recorder recorder = new Recorder();
        Picky decoder = new Picky(new IllegalStateException());
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.stallOutput(true);
        ch.writeAndFlush(buf("pending"));
        ch.writeInbound(buf("XXab"));
        assertTrue(ch.isOpen());
        ch.pipeline().remove(decoder);
        assertEquals(List.of("E:DecoderException"), recorder.events);
        ch.stallOutput(false);
        ch.finishAndReleaseAll();
        assertInstanceOf(IllegalStateException.class, recorder.exceptions.get(0).getCause());
    }
}
