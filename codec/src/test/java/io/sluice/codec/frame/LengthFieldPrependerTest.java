package io.sluice.codec.frame;

import static io.sluice.codec.DecoderHarness.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.CompositeBuffer;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.EncoderException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LengthFieldPrepender: round trips through LengthFieldFrameDecoder, both write paths, lengths that do not fit. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LengthFieldPrependerTest {
    static final int[] SIZES = {0, 1, 1024, 1025, 100_000};

    static List<Object[]> layouts() {
        return List.of(new Object[] {1, ByteOrder.BIG_ENDIAN}, new Object[] {1, ByteOrder.LITTLE_ENDIAN},
                new Object[] {2, ByteOrder.BIG_ENDIAN}, new Object[] {2, ByteOrder.LITTLE_ENDIAN},
                new Object[] {3, ByteOrder.BIG_ENDIAN}, new Object[] {3, ByteOrder.LITTLE_ENDIAN},
                new Object[] {4, ByteOrder.BIG_ENDIAN}, new Object[] {4, ByteOrder.LITTLE_ENDIAN},
                new Object[] {8, ByteOrder.BIG_ENDIAN}, new Object[] {8, ByteOrder.LITTLE_ENDIAN});
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code body} through {@code prepender} and returns what went out, as separate buffers' bytes. */
    static List<byte[]> encode(ChannelHandler prepender, Buffer body) {
        EmbeddedChannel ch = new EmbeddedChannel(prepender);
        ChannelFuture f = ch.writeAndFlush(body);
        assertTrue(f.isSuccess(), () -> "write failed: " + f.cause());
        List<byte[]> out = new ArrayList<>();
        for (Buffer b; (b = ch.readOutbound()) != null; ) {
            out.add(Buffers.toByteArray(b));
            b.release();
        }
        assertFalse(ch.finish());
        return out;
    }

    static byte[] decodeOne(ByteToMessageDecoder decoder, List<byte[]> wire) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        for (byte[] part : wire) {
            ch.writeInbound(Buffers.copyOf(part));
        }
        Buffer frame = ch.readInbound();
        assertNull(ch.readInbound(), "exactly one frame");
        byte[] bytes = Buffers.toByteArray(frame);
        frame.release();
        assertFalse(ch.finish());
        return bytes;
    }

    @ParameterizedTest(name = "{0}-byte field, {1}")
    @MethodSource("layouts")
    void roundTripsThroughTheDecoderOnBothWritePaths(int size, ByteOrder order) {
        for (int n : SIZES) {
            if (size < 8 && n >= 1L << (8 * size)) {
                continue;
            }
            byte[] body = random(n, n + size);
            Buffer msg = BufferAllocator.pooled().directBuffer(n).writeBytes(body);
            List<byte[]> wire = encode(new LengthFieldPrepender(order, size, 0, false), msg);
            assertEquals(0, msg.refCnt());
            assertEquals(1, wire.size(), "one message per frame: " + n);
            assertArrayEquals(body, java.util.Arrays.copyOfRange(wire.get(0), size, wire.get(0).length),
                    "the body behind its header");
            byte[] frame = decodeOne(new LengthFieldFrameDecoder(order, 200_000, 0, size, 0, size,
                    TooLongFrameAction.CLOSE), wire);
            assertArrayEquals(body, frame, size + "/" + order + "/" + n);
        }
    }

    @ParameterizedTest(name = "{0}-byte field, {1}")
    @MethodSource("layouts")
    void anAdjustedLengthThatCountsItsOwnFieldRoundTrips(int size, ByteOrder order) {
        for (int n : new int[] {0, 5, 200, 2000}) {
            if (size == 1 && n > 200) {
                continue;
            }
            byte[] body = random(n, n);
            List<byte[]> wire = encode(new LengthFieldPrepender(order, size, 3, true), Buffers.copyOf(body));
            byte[] frame = decodeOne(new LengthFieldFrameDecoder(order, 10_000, 0, size, -3 - size, size,
                    TooLongFrameAction.CLOSE), wire);
            assertArrayEquals(body, frame);
        }
    }

    @Test
    void theBodyOfTheSeparateHeaderPathIsNotCopiedAndThePromiseWaitsForIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldPrepender(4));
        Buffer body = Buffers.copyOf(random(5000, 1));
        ch.stallOutput(true);
        ChannelFuture f = ch.writeAndFlush(body);
        assertFalse(f.isDone(), "not sent yet");
        ch.stallOutput(false);
        assertTrue(f.isSuccess());
        CompositeBuffer sent = ch.readOutbound();
        assertNull(ch.readOutbound(), "one message");
        assertEquals(2, sent.numComponents(), "header and body");
        assertEquals(5000, sent.getInt(sent.readerIndex()));
        assertEquals(1, body.refCnt(), "the body itself is the second component, held by the frame");
        sent.release();
        assertEquals(0, body.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void theSeparateHeaderPathWorksWithAVoidPromise() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldPrepender(2));
        ch.writeAndFlush(Buffers.copyOf(random(3000, 2)), ch.voidPromise());
        ch.runPendingTasks();
        assertEquals(1, ch.outboundMessages().size());
        assertTrue(ch.finishAndReleaseAll());
    }

    /**
     * A write cancelled before the flush must drop the whole frame: with the header written apart
     * from the body, the header alone went out and the peer read the next frame as this body.
     */
    @ParameterizedTest(name = "body {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {10, 1024, 1025, 5000})
    void aWriteCancelledBeforeTheFlushDropsTheWholeFrame(int n) {
        for (ChannelHandler prepender : List.of(new LengthFieldPrepender(4), new Varint32LengthPrepender())) {
            EmbeddedChannel ch = new EmbeddedChannel(prepender);
            Buffer cancelled = Buffers.copyOf(random(n, 3));
            ChannelFuture f = ch.writeOneOutbound(cancelled);
            assertTrue(f.cancel(false));
            byte[] next = random(n, 4);
            ch.writeAndFlush(Buffers.copyOf(next));
            List<byte[]> wire = new ArrayList<>();
            for (Buffer b; (b = ch.readOutbound()) != null; ) {
                wire.add(Buffers.toByteArray(b));
                b.release();
            }
            assertEquals(0, cancelled.refCnt(), "the cancelled body is released");
            ByteToMessageDecoder decoder = prepender instanceof Varint32LengthPrepender
                    ? new Varint32FrameDecoder(1 << 20)
                    : new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, 1 << 20, 0, 4, 0, 4, TooLongFrameAction.CLOSE);
            assertArrayEquals(next, decodeOne(decoder, wire), prepender + ": the next frame arrives whole");
            assertFalse(ch.finish());
        }
    }

    static List<Object[]> misfits() {
        return List.of(new Object[] {1, 256}, new Object[] {2, 65536}, new Object[] {3, 1 << 24});
    }

    @ParameterizedTest(name = "{0}-byte field, body {1}")
    @MethodSource("misfits")
    void aLengthThatDoesNotFitFailsTheWriteAndReleasesTheBody(int size, int n) {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldPrepender(size));
        // one byte less fits
        Buffer fits = Buffers.wrap(new byte[n - 1]);
        assertTrue(ch.writeAndFlush(fits).isSuccess());
        assertTrue(ch.releaseOutbound());
        Buffer body = Buffers.wrap(new byte[n]);
        ChannelFuture f = ch.writeAndFlush(body);
        assertInstanceOf(EncoderException.class, f.cause());
        assertEquals("LengthFieldPrepender: frame length: " + n + " (expected: at most " + ((1L << (8 * size)) - 1)
                + ", what a " + size + "-byte length field holds)", f.cause().getMessage());
        assertEquals(0, body.refCnt(), "the message is released");
        assertNull(ch.readOutbound(), "nothing written");
        assertFalse(ch.finish());
    }

    @Test
    void aLengthMadeNegativeByTheAdjustmentFails() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldPrepender(ByteOrder.BIG_ENDIAN, 4, -10, false));
        Buffer body = Buffers.copyOf(ascii("short"));
        ChannelFuture f = ch.writeAndFlush(body);
        assertInstanceOf(EncoderException.class, f.cause());
        assertTrue(f.cause().getMessage().contains("(expected: >= 0 after lengthAdjustment -10)"),
                f.cause().getMessage());
        assertEquals(0, body.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void anAdjustmentCanPushALengthOutOfItsField() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldPrepender(ByteOrder.BIG_ENDIAN, 1, 250, true));
        assertTrue(ch.writeAndFlush(Buffers.copyOf(new byte[4])).isSuccess(), "4 + 250 + 1 = 255 fits");
        ch.releaseOutbound();
        Buffer body = Buffers.copyOf(new byte[5]);
        assertInstanceOf(EncoderException.class, ch.writeAndFlush(body).cause(), "256 does not");
        assertEquals(0, body.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void otherMessagesPassThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldPrepender(2));
        assertTrue(ch.writeOutbound("not a buffer"));
        assertEquals("not a buffer", ch.readOutbound());
        assertFalse(ch.finish());
    }

    @Test
    void oneInstanceServesManyChannels() {
        LengthFieldPrepender shared = new LengthFieldPrepender(2);
        EmbeddedChannel a = new EmbeddedChannel(shared);
        EmbeddedChannel b = new EmbeddedChannel(shared);
        a.writeOutbound(Buffers.copyOf(ascii("a")));
        b.writeOutbound(Buffers.copyOf(ascii("bb")));
        Buffer fromA = a.readOutbound();
        Buffer fromB = b.readOutbound();
        assertArrayEquals(new byte[] {0, 1, 'a'}, Buffers.toByteArray(fromA));
        assertArrayEquals(new byte[] {0, 2, 'b', 'b'}, Buffers.toByteArray(fromB));
        fromA.release();
        fromB.release();
        assertFalse(a.finish());
        assertFalse(b.finish());
    }

    @Test
    void aStreamOfFramesRoundTripsInRandomSplits() {
        Random rnd = new Random(50);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> bodies = new ArrayList<>();
        EmbeddedChannel out = new EmbeddedChannel(new LengthFieldPrepender(ByteOrder.LITTLE_ENDIAN, 3, 0, false));
        for (int i = 0; i < 30; i++) {
            byte[] body = random(rnd.nextInt(3) == 0 ? 1024 + rnd.nextInt(3000) : rnd.nextInt(1025), i);
            bodies.add(body);
            out.writeOutbound(Buffers.copyOf(body));
        }
        for (Buffer b; (b = out.readOutbound()) != null; ) {
            wire.writeBytes(Buffers.toByteArray(b));
            b.release();
        }
        assertFalse(out.finish());
        io.sluice.codec.DecoderHarness.assertSameFramesEverywhere(() -> new LengthFieldFrameDecoder(
                ByteOrder.LITTLE_ENDIAN, 5000, 0, 3, 0, 3, TooLongFrameAction.CLOSE), wire.toByteArray(), bodies, 51);
    }

    @Test
    void badArgumentsAreRefused() {
        for (int bad : new int[] {0, 5, 6, 7, 9}) {
            assertThrows(IllegalArgumentException.class, () -> new LengthFieldPrepender(bad));
        }
        assertThrows(NullPointerException.class, () -> new LengthFieldPrepender(null, 2, 0, false));
    }
}
