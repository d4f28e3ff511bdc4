package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.concurrent.DefaultEventExecutorGroup;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Defects of the codec bases found by review (issue 19, items 11 and 12): cumulator failures that
 * leaked, the same buffer passed in twice, reads re-entering while {@code decode} runs, a dropping
 * message decoder stalling a connection with auto-read off, {@code @Sharable} on stateful decoders.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CodecBasesHardeningTest {

    private static Buffer buf(String ascii) {
        return Buffers.copyOf(ascii, StandardCharsets.ISO_8859_1);
    }

    private static ByteToMessageDecoder.Cumulator cumulator(String name) {
        return name.equals("MERGE") ? ByteToMessageDecoder.MERGE : ByteToMessageDecoder.COMPOSITE;
    }

    /** Emits two-byte frames as retained slices. */
    static final class Pairs extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            if (in.readableBytes() >= 2) {
                out.add(in.readRetainedSlice(2));
            }
        }
    }

    /**
     * The unpooled allocator, except that {@code buffer(int)} gives a buffer that cannot grow past one
     * byte (so copying into it throws) or {@code compositeBuffer(int)} throws; records what it made.
     */
    static BufferAllocator failing(String what, List<Buffer> made) {
        BufferAllocator real = BufferAllocator.unpooled();
        return (BufferAllocator) Proxy.newProxyInstance(BufferAllocator.class.getClassLoader(),
                new Class<?>[] {BufferAllocator.class}, (proxy, method, args) -> {
                    if (what.equals("copy") && method.getName().equals("buffer") && args != null && args.length == 1) {
                        Buffer tiny = real.heapBuffer(1, 1);
                        made.add(tiny);
                        return tiny;
                    }
                    if (what.equals("composite") && method.getName().equals("compositeBuffer")) {
                        throw new IllegalStateException("no composite today");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void aCumulatorThatThrowsLeaksNothingAndEndsTheStream(String name) {
        List<Buffer> made = new ArrayList<>();
        Pairs decoder = new Pairs();
        decoder.setCumulator(cumulator(name));
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.config().option(ChannelOption.ALLOCATOR, failing(name.equals("MERGE") ? "copy" : "composite", made));
        // "ab" is passed on; "c" is kept in a read-only buffer, which MERGE copies to append to
        ch.writeInbound(buf("abc").asReadOnly());
        Buffer next = buf("d");
        ch.writeInbound(next);
        assertEquals(0, next.refCnt(), "the incoming buffer is released");
        for (Buffer b : made) {
            assertEquals(0, b.refCnt(), "the new cumulation is released");
        }
        assertEquals(name.equals("MERGE") ? 1 : 0, made.size());
        assertEquals(List.of("F:6162", "E:DecoderException"), recorder.events);
        assertFalse(ch.isOpen(), "the stream ended: closed gracefully");
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void theSameBufferPassedInAgainAddsNoBytesAndKeepsItsReaderIndex(String name) {
        Pairs decoder = new Pairs();
        decoder.setCumulator(cumulator(name));
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        Buffer same = buf("abc").retain(2); // one reference for each write, one the test keeps
        ch.writeInbound(same);
        assertEquals(List.of("F:6162"), recorder.events);
        ch.writeInbound(same);
        assertEquals(List.of("F:6162"), recorder.events, "no bytes were added");
        assertEquals(1, same.readableBytes(), "the kept byte is still readable where it was");
        assertEquals(2, same.refCnt(), "the decoder's and the test's");
        ch.writeInbound(buf("d"));
        assertEquals(List.of("F:6162", "F:6364"), recorder.events);
        assertFalse(ch.finish());
        same.release();
        assertEquals(0, same.refCnt());
    }

    /** Emits two bytes per call as text; on its first call fires a read into the pipeline first. */
    static final class ReentrantText extends ByteToMessageDecoder {
        final String more;
        int readableBefore = -1;
        int readableAfter = -1;

        ReentrantText(String more) {
            this.more = more;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
            if (readableBefore < 0) {
                readableBefore = in.readableBytes();
                ctx.pipeline().fireChannelRead(buf(more));
                readableAfter = in.readableBytes();
            }
            if (in.readableBytes() >= 2) {
                out.add(in.readCharSequence(2, StandardCharsets.ISO_8859_1).toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MERGE", "COMPOSITE"})
    void aReadReenteringWhileDecodeRunsIsDecodedAfterTheCall(String name) {
        ReentrantText decoder = new ReentrantText("cdef");
        decoder.setCumulator(cumulator(name));
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        ch.writeInbound(buf("ab"));
        assertEquals(decoder.readableBefore, decoder.readableAfter, "the running call's input did not change");
        assertEquals(List.of("ab", "cd", "ef"), recorder.others);
        assertEquals(List.of(), recorder.exceptions);
        assertFalse(ch.finish());
    }

    @Test
    void aDecoderBeforeAHandlerWhoseWorkersTerminatedIsTornDownAndReleasesItsBytes() throws Exception {
        DefaultEventExecutorGroup workers = DefaultEventExecutorGroup.create(1);
        try {
            Recorder business = new Recorder();
            EmbeddedChannel ch = new EmbeddedChannel(new Pairs());
            ch.pipeline().addLast(workers, "business", business);
            assertTrue(workers.next().submit(() -> {}).await(10, TimeUnit.SECONDS), "handlerAdded ran before this");
            assertTrue(workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS));
            Buffer in = buf("abc");
            ch.writeInbound(in); // "ab" goes on (on the channel's loop now), "c" is kept
            assertTrue(ch.close().isSuccess());
            assertEquals(0, in.refCnt(), "the kept byte was released at teardown");
            assertEquals(List.of("F:6162"), business.events);
            assertFalse(ch.isRegistered(), "deregistration completed");
            assertFalse(ch.finish());
        } finally {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Drops every message that says "drop"; passes the others on. */
    @ChannelHandler.Sharable
    static final class Dropper extends MessageToMessageDecoder<String> {
        Dropper() {
            super(String.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, String msg, List<Object> out) {
            if (!msg.equals("drop")) {
                out.add(msg);
            }
        }
    }

    @Test
    void withAutoReadOffAMessageDecoderThatDropsAMessageAsksForTheNextRead() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new Dropper(), recorder);
        ch.config().autoRead(false);
        int before = ch.readRequests();
        ch.writeInbound("keep");
        assertEquals(before, ch.readRequests(), "a message went on: the application asks when it wants more");
        ch.writeInbound("drop");
        assertEquals(before + 1, ch.readRequests(), "nothing went on: the decoder asks, or the connection stalls");
        assertEquals(List.of("keep"), recorder.others);
        assertFalse(ch.finish());
    }

    @ChannelHandler.Sharable
    static final class SharableDecoder extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {}
    }

    @ChannelHandler.Sharable
    static final class SharableLines extends LineFrameDecoder {
        SharableLines() {
            super(80);
        }
    }

    @ChannelHandler.Sharable
    static final class SharableCodec extends ByteToMessageCodec<String> {
        SharableCodec() {
            super(String.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {}

        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, Buffer out) {}
    }

    @Test
    void aSharableDecoderOrByteCodecIsRefusedAtConstructionNamingItsClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class, SharableDecoder::new);
        assertEquals("@Sharable ByteToMessageDecoder: " + SharableDecoder.class.getName() + " (expected: not"
                + " @Sharable; it holds per-connection state, so each pipeline needs its own instance)", e.getMessage());
        e = assertThrows(IllegalStateException.class, SharableLines::new);
        assertTrue(e.getMessage().contains(SharableLines.class.getName()), e.getMessage());
        e = assertThrows(IllegalStateException.class, SharableCodec::new);
        assertTrue(e.getMessage().startsWith("@Sharable ByteToMessageCodec: " + SharableCodec.class.getName()),
                e.getMessage());
        assertInstanceOf(ChannelHandler.class, new Pairs(), "an unmarked decoder is fine");
    }
}
