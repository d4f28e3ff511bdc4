package io.sluice.codec.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.DecoderHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs a {@link RespDecoder} over {@link DecoderHarness}'s splits and buffer kinds, recording each
 * decoded message as its canonical encoding (then releasing it) and each exception.
 */
final class RespRuns {
    private RespRuns() {}

    /** What one run produced: messages as wire text, in order, and the exceptions. */
    record Run(List<String> messages, List<Throwable> exceptions, boolean open, String description) {}

    /** Encodes {@code msg} as text (ISO-8859-1), without releasing it. */
    static String wire(RespMessage msg) {
        Buffer out = BufferAllocator.unpooled().heapBuffer(64);
        try {
            RespEncoder.write(msg, out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    /** Prefix of a recorded streamed bulk string: its header and chunks, as one wire text. */
    static final String STREAMED = "[streamed]";

    /** Returns how {@link Recorder} records {@code wire}, a bulk string that was streamed. */
    static String streamed(String wire) {
        return STREAMED + wire;
    }

    /**
     * Records messages as wire text and releases them; a streamed bulk string is recorded as one
     * entry, {@link #STREAMED} and the header and chunks' wire text, once its chunks are checked
     * (never empty, no value between them).
     */
    static final class Recorder implements ChannelHandler {
        final List<String> messages = new ArrayList<>();
        final List<Throwable> exceptions = new ArrayList<>();
        /** Content bytes the streamed bulk string being recorded still owes; 0: none. */
        private long owed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof BulkStringHeader header) {
                    assertEquals(0, owed, "a header inside a streamed bulk string");
                    owed = header.length();
                    messages.add(STREAMED + "$" + header.length() + "\r\n");
                } else if (msg instanceof BulkStringChunk chunk) {
                    int length = chunk.content().readableBytes();
                    assertTrue(length > 0 && length <= owed, "chunk of " + length + " bytes, " + owed + " owed");
                    owed -= length;
                    assertEquals(chunk.last(), owed == 0, "last flag with " + owed + " bytes owed");
                    int at = messages.size() - 1;
                    messages.set(at, messages.get(at) + chunk.content().toString(StandardCharsets.ISO_8859_1)
                            + (chunk.last() ? "\r\n" : ""));
                } else {
                    assertEquals(0, owed, "a value inside a streamed bulk string");
                    messages.add(wire((RespMessage) msg));
                }
            } finally {
                ReferenceCounting.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
        }
    }

    /** Feeds {@code input} in {@code chunks} of {@code kind} (null: random kinds), then closes. */
    static Run run(RespDecoder decoder, ByteToMessageDecoder.Cumulator cumulator, byte[] input, int[] chunks,
            DecoderHarness.ChunkKind kind, Random rnd) {
        decoder.setCumulator(cumulator);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        DecoderHarness.ChunkKind[] kinds = DecoderHarness.ChunkKind.values();
        int at = 0;
        for (int size : chunks) {
            if (!ch.isOpen()) {
                break;
            }
            ch.writeInbound(DecoderHarness.chunk(input, at, size, kind != null ? kind : kinds[rnd.nextInt(kinds.length)], rnd));
            at += size;
        }
        boolean open = ch.isOpen();
        ch.finishAndReleaseAll();
        return new Run(recorder.messages, recorder.exceptions, open, (kind == null ? "MIXED" : kind.name()) + "/"
                + chunks.length + " chunks");
    }

    /** The splits every stream is fed in: whole, byte by byte, and seeded random splits. */
    static List<int[]> splits(int length, Random rnd) {
        List<int[]> splits = new ArrayList<>();
        splits.add(DecoderHarness.whole(length));
        splits.add(length <= 8192 ? DecoderHarness.byteByByte(length) : DecoderHarness.randomSplits(length, rnd, 4));
        splits.add(DecoderHarness.randomSplits(length, rnd, 16));
        splits.add(DecoderHarness.randomSplits(length, rnd, Math.max(1, length / 2)));
        return splits;
    }

    /**
     * Asserts {@code input} decodes to {@code expected} (as wire text) with no exception, however
     * split, whatever buffers carry it, with either cumulator.
     */
    static void assertDecodes(Supplier<RespDecoder> factory, String input, List<String> expected, long seed) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        Random rnd = new Random(seed);
        for (ByteToMessageDecoder.Cumulator cumulator : List.of(ByteToMessageDecoder.MERGE, ByteToMessageDecoder.COMPOSITE)) {
            List<int[]> splits = splits(bytes.length, rnd);
            for (DecoderHarness.ChunkKind kind : kindsAndMixed()) {
                // every kind of buffer whole and in random splits; the tiny splits with mixed kinds only
                for (int[] split : kind == null ? splits : List.of(splits.get(0), splits.get(3))) {
                    Run run = run(factory.get(), cumulator, bytes, split, kind, rnd);
                    assertTrue(run.exceptions().isEmpty(), () -> run.description() + ": " + run.exceptions());
                    assertEquals(expected, run.messages(), run.description());
                    assertTrue(run.open(), run.description() + ": closed");
                }
            }
        }
    }

    /**
     * Asserts {@code input} fails with a {@link RespProtocolException} of {@code reason} whose
     * message contains {@code detail}, however split, after decoding {@code before} messages, and
     * that the channel closed.
     */
    static void assertFails(Supplier<RespDecoder> factory, String input, int before, String reason, String detail,
            long seed) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        Random rnd = new Random(seed);
        for (ByteToMessageDecoder.Cumulator cumulator : List.of(ByteToMessageDecoder.MERGE, ByteToMessageDecoder.COMPOSITE)) {
            for (int[] split : splits(bytes.length, rnd)) {
                Run run = run(factory.get(), cumulator, bytes, split, null, rnd);
                assertEquals(1, run.exceptions().size(), () -> run.description() + ": " + run.exceptions());
                Throwable e = run.exceptions().get(0);
                assertTrue(e instanceof RespProtocolException, () -> run.description() + ": " + e);
                assertEquals(reason, ((RespProtocolException) e).reason(), run.description());
                assertTrue(e.getMessage().contains(detail), () -> run.description() + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("(expected: "), e.getMessage());
                assertEquals(before, run.messages().size(), run.description());
                assertFalse(run.open(), run.description() + ": still open");
            }
        }
    }

    private static List<DecoderHarness.ChunkKind> kindsAndMixed() {
        List<DecoderHarness.ChunkKind> kinds = new ArrayList<>(List.of(DecoderHarness.ChunkKind.values()));
        kinds.add(null);
        return kinds;
    }

    /**
     * Feeds 300 random inputs of up to 60 bytes drawn from {@code alphabet}, in random splits and
     * either cumulator, to the decoder {@code factory} makes for each round number; asserts every
     * failure is a {@link RespProtocolException} (a leak fails the test through the leak check).
     */
    static void assertJunkFailsCleanly(IntFunction<RespDecoder> factory, String alphabet, long seed) {
        Random rnd = new Random(seed);
        byte[] letters = alphabet.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(60)];
            for (int j = 0; j < junk.length; j++) {
                junk[j] = letters[rnd.nextInt(letters.length)];
            }
            Run run = run(factory.apply(i), i % 4 < 2 ? ByteToMessageDecoder.MERGE : ByteToMessageDecoder.COMPOSITE, junk,
                    DecoderHarness.randomSplits(junk.length, rnd, 8), null, rnd);
            for (Throwable e : run.exceptions()) {
                assertTrue(e instanceof RespProtocolException, () -> new String(junk, StandardCharsets.ISO_8859_1) + ": " + e);
            }
        }
    }
}
