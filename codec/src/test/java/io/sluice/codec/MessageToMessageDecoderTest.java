package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MessageToMessageDecoder: outputs in order, release of the input, failures that do not end the stream. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageToMessageDecoderTest {

    /** Splits a buffer's text at commas; a part "!" throws after the parts before it were added. */
    static class Words extends MessageToMessageDecoder<Buffer> {
        RuntimeException toThrow = new IllegalArgumentException("a bang");

        Words() {
            super(Buffer.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer msg, List<Object> out) {
            String text = msg.toString(StandardCharsets.US_ASCII);
            if (text.isEmpty()) {
                return;
            }
            for (String w : text.split(",")) {
                if (w.equals("!")) {
                    throw toThrow;
                }
                out.add(w);
            }
        }
    }

    private static Buffer buf(String s) {
        return Buffers.copyOf(s, StandardCharsets.US_ASCII);
    }

    @Test
    void outputsInOrderAndTheInputIsReleased() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Words(), recorder);
        Buffer in = buf("a,b,c");
        ch.writeInbound(in, buf(""), buf("d"));
        assertEquals(List.of("a", "b", "c", "d"), recorder.others);
        assertEquals(0, in.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void aThrowPassesOnWhatCameBeforeThenTheExceptionAndLaterMessagesAreStillDecoded() {
        Recorder recorder = new Recorder();
        Words words = new Words();
        EmbeddedChannel ch = new EmbeddedChannel(words, recorder);
        Buffer bad = buf("a,!,b");
        ch.writeInbound(bad, buf("c"));
        assertEquals(List.of("M:a", "E:DecoderException", "M:c"), recorder.events);
        DecoderException e = (DecoderException) recorder.exceptions.get(0);
        assertSame(words.toThrow, e.getCause());
        assertTrue(e.getMessage().contains(Words.class.getName()), e.getMessage());
        assertEquals(0, bad.refCnt(), "released");
        assertTrue(ch.isOpen(), "a message decoder does not end the stream");
        assertFalse(ch.finish());
    }

    @Test
    void aDecoderExceptionIsNotWrappedAgain() {
        Recorder recorder = new Recorder();
        Words words = new Words();
        words.toThrow = new CorruptedFrameException("Words: corrupt");
        EmbeddedChannel ch = new EmbeddedChannel(words, recorder);
        ch.writeInbound(buf("!"));
        assertSame(words.toThrow, recorder.exceptions.get(0));
        assertFalse(ch.finish());
    }

    @Test
    void otherMessagesPassThroughAndAcceptCanBeNarrowed() {
        Words words = new Words() {
            @Override
            public boolean acceptInboundMessage(Object msg) {
                return super.acceptInboundMessage(msg) && ((Buffer) msg).readableBytes() > 1;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(words);
        Buffer one = buf("x");
        ch.writeInbound("text", one, buf("y,z"));
        assertEquals("text", ch.readInbound());
        assertSame(one, ch.readInbound());
        one.release();
        assertEquals("y", ch.readInbound());
        assertEquals("z", ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void nestedDecodersOnOneThreadEachGetTheirOwnOutputList() {
        MessageToMessageDecoder<String> upper = new MessageToMessageDecoder<String>(String.class) {
            @Override
            protected void decode(ChannelHandlerContext ctx, String msg, List<Object> out) {
                out.add(msg.toUpperCase(java.util.Locale.ROOT));
                out.add(msg.length());
            }
        };
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Words(), upper, recorder);
        ch.writeInbound(buf("ab,c"));
        assertEquals(List.of("AB", 2, "C", 1), recorder.others);
        assertFalse(ch.finish());
    }

    @Test
    void theOutputListIsReusedPerThreadAndFreshWhenNested() {
        CodecOutputList first = CodecOutputList.acquire();
        CodecOutputList nested = CodecOutputList.acquire();
        assertNotSame(first, nested, "nested use gets its own list");
        nested.add("x");
        nested.recycle();
        first.add("y");
        first.recycle();
        assertTrue(first.isEmpty(), "recycle clears");
        CodecOutputList again = CodecOutputList.acquire();
        assertSame(first, again, "the thread's list is reused");
        again.recycle();
        CodecOutputList[] other = new CodecOutputList[1];
        Thread t = new Thread(() -> {
            other[0] = CodecOutputList.acquire();
            other[0].recycle();
        });
        t.start();
        assertTrue(joined(t));
        assertNotSame(first, other[0], "one list per thread");
    }

    private static boolean joined(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    @Test
    void exceptionTypesFormAHierarchy() {
        assertInstanceOf(CodecException.class, new DecoderException("d"));
        assertInstanceOf(CodecException.class, new EncoderException("e"));
        assertInstanceOf(DecoderException.class, new TooLongFrameException("t"));
        assertInstanceOf(DecoderException.class, new CorruptedFrameException("c"));
        Throwable cause = new Throwable();
        assertSame(cause, new DecoderException("d", cause).getCause());
        assertSame(cause, new EncoderException("e", cause).getCause());
    }
}
