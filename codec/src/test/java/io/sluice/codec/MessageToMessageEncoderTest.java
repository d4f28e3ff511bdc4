package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MessageToMessageEncoder: parts, the write's promise over all parts, and failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageToMessageEncoderTest {

    /** Splits a String into one buffer per comma-separated part; "" gives nothing; "!..." throws after adding. */
    static final class Splitter extends MessageToMessageEncoder<String> {
        final List<Buffer> made = new ArrayList<>();

        Splitter() {
            super(String.class);
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, List<Object> out) {
            if (msg.isEmpty()) {
                return;
            }
            for (String part : msg.split(",", -1)) {
                Buffer b = Buffers.copyOf(part, StandardCharsets.US_ASCII);
                made.add(b);
                out.add(b);
            }
            if (msg.startsWith("!")) {
                throw new IllegalStateException("refused " + msg);
            }
        }
    }

    /** Keeps every write and its promise without passing it on. */
    static final class Catcher implements ChannelHandler {
        final List<Object> msgs = new ArrayList<>();
        final List<ChannelPromise> promises = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            msgs.add(msg);
            promises.add(promise);
        }

        String texts() {
            StringBuilder sb = new StringBuilder();
            for (Object m : msgs) {
                sb.append(m instanceof Buffer ? ((Buffer) m).toString(StandardCharsets.US_ASCII) : m).append('|');
            }
            return sb.toString();
        }

        void releaseAll() {
            for (Object m : msgs) {
                io.sluice.buffer.ReferenceCounting.release(m);
            }
        }
    }

    @Test
    void onePartKeepsTheWritesOwnPromise() {
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter());
        ChannelPromise promise = ch.newPromise();
        ch.write("single", promise);
        assertEquals("single|", catcher.texts());
        assertSame(promise, catcher.promises.get(0));
        catcher.releaseAll();
        assertFalse(ch.finish());
    }

    @Test
    void thePromiseCompletesOnlyWhenEveryPartIsWritten() {
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter());
        ChannelFuture whole = ch.write("a,b,c");
        assertEquals("a|b|c|", catcher.texts(), "parts in order");
        catcher.promises.get(2).setSuccess();
        catcher.promises.get(0).setSuccess();
        assertFalse(whole.isDone(), "one part still pending");
        catcher.promises.get(1).setSuccess();
        assertTrue(whole.isSuccess());
        catcher.releaseAll();
        assertFalse(ch.finish());
    }

    @Test
    void thePromiseFailsWithTheFirstFailedPart() {
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter());
        ChannelFuture whole = ch.write("a,b,c");
        RuntimeException first = new RuntimeException("b failed");
        catcher.promises.get(1).setFailure(first);
        assertSame(first, whole.cause(), "fails at once");
        catcher.promises.get(2).setFailure(new RuntimeException("c failed too"));
        catcher.promises.get(0).setSuccess();
        assertSame(first, whole.cause(), "the first failure wins");
        catcher.releaseAll();
        assertFalse(ch.finish());
    }

    @Test
    void withAVoidPromiseEveryPartIsWritten() {
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter());
        ch.write("a,b,c", ch.voidPromise());
        assertEquals("a|b|c|", catcher.texts());
        for (ChannelPromise p : catcher.promises) {
            assertTrue(p.isVoid());
        }
        catcher.releaseAll();
        assertFalse(ch.finish());
    }

    @Test
    void partsGoAllTheWayOutThroughARealChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new Splitter());
        ch.stallOutput(true);
        ChannelFuture f = ch.writeAndFlush("x,y");
        assertFalse(f.isDone());
        ch.stallOutput(false);
        assertTrue(f.isSuccess());
        assertEquals(2, ch.outboundMessages().size());
        assertTrue(ch.finishAndReleaseAll());
    }

    @Test
    void noOutputIsAnEncoderException() {
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter());
        ChannelFuture f = ch.write("");
        EncoderException e = assertInstanceOf(EncoderException.class, f.cause());
        assertTrue(e.getMessage().contains(Splitter.class.getName()) && e.getMessage().contains("no message"),
                e.getMessage());
        assertTrue(catcher.msgs.isEmpty());
        assertFalse(ch.finish());
    }

    @Test
    void aThrowReleasesThePartsAndTheMessageAndFailsTheWrite() {
        Catcher catcher = new Catcher();
        Splitter splitter = new Splitter();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, splitter);
        Buffer[] msg = {null};
        // a reference-counted message: wrap the String in an encoder that accepts buffers
        MessageToMessageEncoder<Buffer> bufferSplitter = new MessageToMessageEncoder<Buffer>(Buffer.class) {
            @Override
            protected void encode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                msg[0] = in;
                splitter.encode(ctx, in.toString(StandardCharsets.US_ASCII), out);
            }
        };
        ch.pipeline().addLast(bufferSplitter);
        Buffer input = Buffers.copyOf("!x,y", StandardCharsets.US_ASCII);
        ChannelFuture f = ch.write(input);
        EncoderException e = assertInstanceOf(EncoderException.class, f.cause());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(0, input.refCnt(), "the message is released");
        assertEquals(2, splitter.made.size());
        for (Buffer part : splitter.made) {
            assertEquals(0, part.refCnt(), "the parts made before the throw are released");
        }
        assertTrue(catcher.msgs.isEmpty(), "nothing written");
        assertFalse(ch.finish());
    }

    @Test
    void otherMessagesPassThrough() {
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter());
        ChannelPromise p = ch.newPromise();
        ch.write(7, p);
        assertEquals(List.of(7), catcher.msgs);
        assertSame(p, catcher.promises.get(0));
        assertFalse(ch.finish());
    }

    @Test
    void nestedEncodersOnOneThreadEachGetTheirOwnOutputList() {
        // the outer splitter's parts are Strings, split again by the inner one
        MessageToMessageEncoder<CharSequence> outer = new MessageToMessageEncoder<CharSequence>(CharSequence.class) {
            @Override
            protected void encode(ChannelHandlerContext ctx, CharSequence msg, List<Object> out) {
                for (String s : msg.toString().split(";")) {
                    out.add(s);
                }
            }

            @Override
            public boolean acceptOutboundMessage(Object msg) {
                return msg instanceof StringBuilder;
            }
        };
        Catcher catcher = new Catcher();
        EmbeddedChannel ch = new EmbeddedChannel(catcher, new Splitter(), outer);
        ChannelFuture f = ch.write(new StringBuilder("a,b;c;d,e,f"));
        assertEquals("a|b|c|d|e|f|", catcher.texts());
        for (ChannelPromise p : catcher.promises) {
            p.setSuccess();
        }
        assertTrue(f.isSuccess());
        catcher.releaseAll();
        assertFalse(ch.finish());
    }

    @Test
    void partsPromiseCountsDownAndTheFirstFailureWins() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ChannelPromise whole = ch.newPromise();
        PartsPromise parts = new PartsPromise(whole, 2);
        ChannelPromise p1 = ch.newPromise();
        ChannelPromise p2 = ch.newPromise();
        p1.addListener(parts);
        p2.addListener(parts);
        p1.setSuccess();
        assertFalse(whole.isDone());
        p2.setSuccess();
        assertTrue(whole.isSuccess());
        assertNull(whole.cause());
        assertFalse(ch.finish());
    }
}
