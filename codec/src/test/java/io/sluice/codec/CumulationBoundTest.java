package io.sluice.codec;

import static io.sluice.codec.DecoderHarness.ascii;
import static io.sluice.codec.DecoderHarness.byteByByte;
import static io.sluice.codec.DecoderHarness.frames;
import static io.sluice.codec.DecoderHarness.randomSplits;
import static io.sluice.codec.DecoderHarness.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness.ChunkKind;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.DecoderHarness.Run;
import io.sluice.codec.frame.DelimiterFrameDecoder;
import io.sluice.codec.frame.FixedLengthFrameDecoder;
import io.sluice.codec.frame.LengthFieldFrameDecoder;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.codec.frame.Varint32FrameDecoder;
import io.sluice.codec.resp.RespDecoder;
import io.sluice.codec.resp.RespLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@link ByteToMessageDecoder} is bounded: at most {@code maxCumulationBytes} (16 MiB unless set)
 * kept undecoded after a read, else a {@link TooLongFrameException} naming the limit, the kept bytes
 * released and the channel closed; decoders with a higher frame limit of their own raise the bound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CumulationBoundTest {

    /** Emits what precedes each '!' and keeps everything else: a decoder with no limit of its own. */
    static final class UntilBang extends ByteToMessageDecoder {
        UntilBang(int max) {
            setMaxCumulationBytes(max);
        }

        UntilBang() {}

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            int bang = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '!');
            if (bang >= 0) {
                out.add(in.readRetainedSlice(bang - in.readerIndex()));
                in.skipBytes(1);
            }
        }
    }

    /** A codec that keeps every byte: bounded like any decoder, and the failure names the codec. */
    static final class Hoarder extends ByteToMessageCodec<String> {
        Hoarder() {
            super(String.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {}

        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, Buffer out) {
            out.writeCharSequence(msg, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void theDefaultIs16MiBAndTheBoundIsSettable() {
        assertEquals(16 << 20, ByteToMessageDecoder.DEFAULT_MAX_CUMULATION_BYTES);
        assertEquals(16 << 20, new UntilBang().maxCumulationBytes());
        assertEquals(100, new UntilBang(100).maxCumulationBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UntilBang(0));
        assertEquals("maxCumulationBytes: 0 (expected: > 0)", e.getMessage());
    }

    @Test
    void onePastTheBoundFailsNamingTheLimitWholeAndByteByByte() {
        byte[] input = DecoderHarness.concat(ascii("ok!"), repeat('x', 101));
        for (int[] split : List.of(whole(input.length), byteByByte(input.length), randomSplits(input.length, new Random(7), 9))) {
            for (ByteToMessageDecoder.Cumulator cumulator : List.of(ByteToMessageDecoder.MERGE, ByteToMessageDecoder.COMPOSITE)) {
                Run run = DecoderHarness.run(new UntilBang(100), cumulator, input, split, ChunkKind.HEAP, new Random(1));
                DecoderHarness.assertFrames(frames("ok"), run.frames, run.description);
                assertEquals(List.of(TooLongFrameException.class), run.exceptionTypes(), run.description);
                String message = run.exceptions.get(0).getMessage();
                assertEquals("bytes kept undecoded by " + UntilBang.class.getName() + ": 101 (expected: <= 100, its"
                        + " maxCumulationBytes)", message, run.description);
            }
        }
    }

    @Test
    void exactlyTheBoundIsKeptAndTheMessageCompletes() {
        byte[] input = DecoderHarness.concat(repeat('y', 100), ascii("!"));
        DecoderHarness.assertSameFramesEverywhere(() -> new UntilBang(100), input, List.of(repeat('y', 100)), 11);
    }

    @Test
    void messagesDecodedFromOneLargeReadDoNotCountAgainstTheBound() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            many.append("m").append(i % 10).append('!');
        }
        byte[] input = ascii(many.toString());
        Run run = DecoderHarness.run(new UntilBang(10), ByteToMessageDecoder.MERGE, input, whole(input.length),
                ChunkKind.DIRECT, new Random(3));
        assertEquals(List.of(), run.exceptionTypes());
        assertEquals(500, run.frames.size());
    }

    @Test
    void afterTheFailureTheChannelClosesAndNothingIsPassedOn() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new UntilBang(8), recorder);
        ch.writeInbound(Buffers.copyOf(repeat('z', 9)));
        ch.runPendingTasks();
        assertInstanceOf(TooLongFrameException.class, recorder.exceptions.get(0));
        assertFalse(ch.isOpen(), "closed after the failure");
        assertEquals(List.of(), recorder.frames, "the kept bytes were released, not passed on");
        assertEquals(1, recorder.exceptions.size());
        ch.finishAndReleaseAll();
    }

    @Test
    void aByteToMessageCodecIsBoundedTooAndTheFailureNamesIt() {
        Hoarder codec = new Hoarder();
        assertEquals(16 << 20, codec.maxCumulationBytes());
        codec.setMaxCumulationBytes(3);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(codec, recorder);
        ch.writeInbound(Buffers.copyOf(repeat('h', 3)));
        assertTrue(recorder.exceptions.isEmpty(), "3 bytes kept");
        ch.writeInbound(Buffers.copyOf(repeat('h', 1)));
        assertEquals("bytes kept undecoded by " + Hoarder.class.getName() + ": 4 (expected: <= 3, its maxCumulationBytes)",
                recorder.exceptions.get(0).getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void theDefaultBoundHolds16MiBAndRefusesOneMore() {
        byte[] chunk = repeat('q', 1 << 20);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new UntilBang(), recorder);
        for (int i = 0; i < 16; i++) {
            ch.writeInbound(Buffers.copyOf(chunk));
        }
        assertTrue(recorder.exceptions.isEmpty(), "16 MiB kept");
        ch.writeInbound(Buffers.copyOf(new byte[] {'q'}));
        assertInstanceOf(TooLongFrameException.class, recorder.exceptions.get(0));
        assertTrue(recorder.exceptions.get(0).getMessage().contains(": 16777217 (expected: <= 16777216"));
        ch.finishAndReleaseAll();
    }

    @Test
    void decodersWithTheirOwnLimitRaiseTheBoundToCoverIt() {
        int big = 64 << 20;
        assertTrue(new LengthFieldFrameDecoder(big, 0, 4).maxCumulationBytes() > big);
        assertTrue(new LineFrameDecoder(big).maxCumulationBytes() > big);
        assertTrue(new DelimiterFrameDecoder(big, ascii(";")).maxCumulationBytes() > big);
        assertTrue(new Varint32FrameDecoder(big).maxCumulationBytes() > big);
        assertTrue(new FixedLengthFrameDecoder(big).maxCumulationBytes() > big);
        assertTrue(RespDecoder.forRequests().maxCumulationBytes() > RespLimits.DEFAULT.maxBulkLength());
        assertEquals(ByteToMessageDecoder.DEFAULT_MAX_CUMULATION_BYTES, new LineFrameDecoder(8192).maxCumulationBytes(),
                "a lower limit leaves the default");
    }

    /** A user's decoder passes its limit to the base constructor (no {@code this} escapes its own). */
    @Test
    void theFrameLimitConstructorCoversTheLimitWithRoomForAHeader() {
        class Limited extends ByteToMessageDecoder {
            Limited(long maxFrameBytes) {
                super(maxFrameBytes);
            }

            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            }
        }
        long big = 64L << 20;
        assertEquals(big + (64 << 10), new Limited(big).maxCumulationBytes());
        assertEquals(Integer.MAX_VALUE, new Limited(Integer.MAX_VALUE).maxCumulationBytes(), "capped at the int range");
        assertEquals(ByteToMessageDecoder.DEFAULT_MAX_CUMULATION_BYTES, new Limited(8192).maxCumulationBytes(),
                "a lower limit leaves the default");
    }

    @Test
    void aLengthFieldFrameAbove16MiBStillDecodesWhenItsLimitAllowsIt() {
        int body = (16 << 20) + 1000;
        byte[] input = new byte[4 + body];
        input[0] = (byte) (body >>> 24);
        input[1] = (byte) (body >>> 16);
        input[2] = (byte) (body >>> 8);
        input[3] = (byte) body;
        input[4 + body - 1] = 42;
        int[] split = new int[(input.length + (64 << 10) - 1) / (64 << 10)];
        Arrays.fill(split, 64 << 10);
        split[split.length - 1] = input.length - (split.length - 1) * (64 << 10);
        Run run = DecoderHarness.run(new LengthFieldFrameDecoder(32 << 20, 0, 4, 0, 4), ByteToMessageDecoder.MERGE,
                input, split, ChunkKind.HEAP, new Random(5));
        assertEquals(List.of(), run.exceptionTypes(), run.description);
        assertEquals(1, run.frames.size());
        assertEquals(body, run.frames.get(0).length);
        assertEquals(42, run.frames.get(0)[body - 1]);
    }
}
