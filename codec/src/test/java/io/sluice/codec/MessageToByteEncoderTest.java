package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MessageToByteEncoder: the buffer it allocates, what it releases, and failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageToByteEncoderTest {

    /** Writes the message's bytes reversed; fails on a message starting with '!'. */
    static class Reverser extends MessageToByteEncoder<Buffer> {
        Buffer lastOut;
        int lastCapacity;
        RuntimeException toThrow = new IllegalArgumentException("starts with !");

        Reverser(boolean preferDirect) {
            super(Buffer.class, preferDirect);
        }

        @Override
        protected int sizeHint(Buffer msg) {
            return msg.readableBytes() + 7;
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, Buffer msg, Buffer out) {
            lastOut = out;
            lastCapacity = out.capacity();
            out.writeByte('<');
            if (msg.isReadable() && msg.getByte(msg.readerIndex()) == '!') {
                throw toThrow;
            }
            for (int i = msg.writerIndex() - 1; i >= msg.readerIndex(); i--) {
                out.writeByte(msg.getByte(i));
            }
        }
    }

    private static Buffer ascii(String s) {
        return Buffers.copyOf(s, StandardCharsets.US_ASCII);
    }

    @Test
    void encodesReleasesTheMessageAndCompletesTheWrite() {
        for (boolean direct : new boolean[] {true, false}) {
            Reverser encoder = new Reverser(direct);
            EmbeddedChannel ch = new EmbeddedChannel(encoder);
            Buffer msg = ascii("abc");
            ChannelFuture f = ch.writeAndFlush(msg);
            assertTrue(f.isSuccess());
            assertEquals(0, msg.refCnt(), "the message is released");
            Buffer out = ch.readOutbound();
            assertSame(encoder.lastOut, out);
            assertEquals(direct, out.isDirect());
            assertTrue(encoder.lastCapacity >= 10, "sized by the hint: " + encoder.lastCapacity);
            assertEquals("<cba", out.toString(StandardCharsets.US_ASCII));
            out.release();
            assertFalse(ch.finish());
        }
    }

    @Test
    void anEncodeThatThrowsReleasesTheBufferAndTheMessageAndFailsTheWrite() {
        Reverser encoder = new Reverser(true);
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        Buffer msg = ascii("!bad");
        ChannelFuture f = ch.writeAndFlush(msg);
        EncoderException e = assertInstanceOf(EncoderException.class, f.cause());
        assertSame(encoder.toThrow, e.getCause());
        assertTrue(e.getMessage().contains(Reverser.class.getName()), e.getMessage());
        assertEquals(0, msg.refCnt(), "message released");
        assertEquals(0, encoder.lastOut.refCnt(), "buffer released");
        assertNull(ch.readOutbound());
        assertTrue(ch.isOpen());
        ch.writeOutbound(ascii("ok"));
        Buffer out = ch.readOutbound();
        assertEquals("<ko", out.toString(StandardCharsets.US_ASCII), "the encoder goes on");
        out.release();
        assertFalse(ch.finish());
    }

    @Test
    void anEncoderExceptionIsNotWrappedAgain() {
        Reverser encoder = new Reverser(false);
        encoder.toThrow = new EncoderException("mine");
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        assertSame(encoder.toThrow, ch.writeAndFlush(ascii("!")).cause());
        assertFalse(ch.finish());
    }

    @Test
    void otherMessagesPassThroughAndAcceptCanBeNarrowed() {
        Reverser encoder = new Reverser(false) {
            @Override
            public boolean acceptOutboundMessage(Object msg) {
                return super.acceptOutboundMessage(msg) && ((Buffer) msg).readableBytes() > 1;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ch.writeOutbound("text", ascii("x"), ascii("xy"));
        assertEquals("text", ch.readOutbound());
        Buffer x = ch.readOutbound();
        assertEquals("x", x.toString(StandardCharsets.US_ASCII), "not accepted: as it was");
        x.release();
        Buffer xy = ch.readOutbound();
        assertEquals("<yx", xy.toString(StandardCharsets.US_ASCII));
        xy.release();
        assertFalse(ch.finish());
    }

    @Test
    void anEmptyEncodingIsStillWritten() {
        MessageToByteEncoder<String> nothing = new MessageToByteEncoder<String>(String.class) {
            @Override
            protected void encode(ChannelHandlerContext ctx, String msg, Buffer out) {}
        };
        EmbeddedChannel ch = new EmbeddedChannel(nothing);
        assertTrue(ch.writeAndFlush("x").isSuccess());
        Buffer out = ch.readOutbound();
        assertArrayEquals(new byte[0], Buffers.toByteArray(out));
        out.release();
        assertFalse(ch.finish());
    }

    @Test
    void aNullTypeIsRefused() {
        assertThrows(NullPointerException.class, () -> new MessageToByteEncoder<Object>(null) {
            @Override
            protected void encode(ChannelHandlerContext ctx, Object msg, Buffer out) {}
        });
    }
}
