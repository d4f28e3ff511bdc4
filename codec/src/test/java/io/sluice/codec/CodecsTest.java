package io.sluice.codec;

import static io.sluice.codec.DecoderHarness.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MessageToMessageCodec and ByteToMessageCodec: both directions in one handler. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CodecsTest {

    /** Integers in, their decimal text out; Strings out, upper-cased. Refuses negative numbers. */
    static final class NumberText extends MessageToMessageCodec<Integer, String> {
        NumberText() {
            super(Integer.class, String.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Integer msg, List<Object> out) {
            if (msg < 0) {
                throw new IllegalArgumentException("negative");
            }
            out.add(Integer.toString(msg));
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, List<Object> out) {
            if (msg.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            out.add(msg.toUpperCase(Locale.ROOT));
        }

        @Override
        public boolean acceptInboundMessage(Object msg) {
            return !Integer.valueOf(13).equals(msg);
        }
    }

    @Test
    void messageCodecWorksBothWays() {
        EmbeddedChannel ch = new EmbeddedChannel(new NumberText());
        ch.writeInbound(42, 13, "pass");
        assertEquals("42", ch.readInbound());
        assertEquals(13, (Integer) ch.readInbound(), "not accepted: passed on");
        assertEquals("pass", ch.readInbound());
        ch.writeOutbound("out", 7);
        assertEquals("OUT", ch.readOutbound());
        assertEquals(7, (Integer) ch.readOutbound());
        assertFalse(ch.finish());
    }

    @Test
    void messageCodecFailuresAreDecoderAndEncoderExceptions() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new NumberText(), recorder);
        ch.writeInbound(-1);
        assertEquals(List.of(DecoderException.class), recorder.exceptionTypes());
        assertInstanceOf(EncoderException.class, ch.writeAndFlush("").cause());
        assertFalse(ch.finish());
    }

    @Test
    void messageCodecFailuresNameTheCodec() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new NumberText(), recorder);
        ch.writeInbound(-1);
        String decodeMessage = recorder.exceptions.get(0).getMessage();
        String encodeMessage = ch.writeAndFlush("").cause().getMessage();
        ch.finish();
        assertTrue(decodeMessage.contains(NumberText.class.getName()), decodeMessage);
        assertTrue(encodeMessage.contains(NumberText.class.getName()), encodeMessage);
    }

    /** Pairs of bytes in; Strings out as their ASCII bytes; "!" emits a message without reading. */
    static final class PairText extends ByteToMessageCodec<String> {
        boolean lazy;

        PairText() {
            super(String.class, false);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            if (lazy) {
                out.add("nothing read");
                return;
            }
            if (in.readableBytes() >= 2) {
                out.add(in.readRetainedSlice(2));
            }
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            if (in.isReadable()) {
                out.add("last:" + in.readCharSequence(in.readableBytes(), StandardCharsets.US_ASCII));
            }
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, Buffer out) {
            if (msg.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            out.writeCharSequence(msg, StandardCharsets.US_ASCII);
        }

        @Override
        protected int sizeHint(String msg) {
            return msg.length();
        }
    }

    @Test
    void byteCodecDecodesEncodesAndRunsDecodeLast() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new PairText(), recorder);
        ch.writeInbound(Buffers.copyOf("aab", StandardCharsets.US_ASCII));
        ch.writeInbound(Buffers.copyOf("bc", StandardCharsets.US_ASCII));
        DecoderHarness.assertFrames(frames("aa", "bb"), recorder.frames, "pairs");
        assertEquals(2, recorder.readCompletes);
        ch.writeOutbound("hello");
        Buffer out = ch.readOutbound();
        assertFalse(out.isDirect(), "preferDirect false");
        assertEquals("hello", out.toString(StandardCharsets.US_ASCII));
        out.release();
        assertInstanceOf(EncoderException.class, ch.writeAndFlush("").cause());
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertEquals(List.of("last:c"), recorder.others);
        assertFalse(ch.finish());
    }

    @Test
    void byteCodecRemovedMidStreamHandsOnItsBytes() {
        PairText codec = new PairText();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(codec, recorder);
        ch.writeInbound(Buffers.copyOf("aab", StandardCharsets.US_ASCII));
        ch.pipeline().remove(codec);
        DecoderHarness.assertFrames(frames("aa", "b"), recorder.frames, "leftover");
        assertFalse(ch.finish());
    }

    @Test
    void byteCodecFailuresEndTheStream() {
        PairText codec = new PairText();
        codec.lazy = true;
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(codec, recorder);
        Buffer in = Buffers.copyOf("x", StandardCharsets.US_ASCII);
        ch.writeInbound(in);
        assertEquals(List.of(DecoderException.class), recorder.exceptionTypes());
        assertEquals(0, in.refCnt());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void byteCodecFailuresNameTheCodec() {
        PairText codec = new PairText();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(codec, recorder);
        String encodeMessage = ch.writeAndFlush("").cause().getMessage();
        codec.lazy = true;
        ch.writeInbound(Buffers.copyOf("x", StandardCharsets.US_ASCII));
        String decodeMessage = recorder.exceptions.get(0).getMessage();
        ch.finishAndReleaseAll();
        assertTrue(decodeMessage.contains(PairText.class.getName()), decodeMessage);
        assertTrue(encodeMessage.contains(PairText.class.getName()), encodeMessage);
    }

    @Test
    void byteCodecEncodesWithItsSizeHint() {
        EmbeddedChannel ch = new EmbeddedChannel(new PairText());
        ch.writeOutbound("x".repeat(1000));
        Buffer out = ch.readOutbound();
        assertTrue(out.capacity() >= 1000);
        assertEquals(1000, out.readableBytes());
        out.release();
        assertFalse(ch.finish());
    }
}
