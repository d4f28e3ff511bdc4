package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.CompositeBuffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Feeds a byte stream to a fresh {@link EmbeddedChannel} holding one decoder, in any split and as
 * any kind of buffer, and records what came out: the frames (copied, then released), the
 * exceptions that reached {@code exceptionCaught}, and, for decoders implementing {@link Probe},
 * how many bytes the decoder held.
 *
 * <p>{@link #assertSameFramesEverywhere} is the workhorse: the stream whole, byte by byte and in
 * seeded random splits; each chunk a heap, direct, read-only, composite or offset buffer (or a
 * random mix); both cumulators; and every run must give the same frames in the same order.
 */
public final class DecoderHarness {
    private DecoderHarness() {}

    /** The kinds of buffer a chunk of input may arrive as. */
    public enum ChunkKind {
        /** A heap buffer, pooled or not, exactly as large as the chunk. */
        HEAP,
        /** A direct buffer, pooled or not. */
        DIRECT,
        /** A read-only view (of a heap buffer, or of a read-only heap or direct NIO buffer). */
        READ_ONLY,
        /** A composite of up to three heap and direct components. */
        COMPOSITE,
        /** A heap buffer with read bytes before the chunk and spare writable room after it. */
        OFFSET
    }

    /** Lets a test see how many bytes a decoder holds (implemented by probing subclasses). */
    public interface Probe {
        /** The bytes held now ({@code actualReadableBytes()}). */
        int held();

        /** The most bytes {@code decode} was ever handed at once (held bytes plus the new read). */
        int peakAtDecode();
    }

    /** Records what reaches the end of the pipeline and keeps exceptions from the channel. */
    public static class Recorder implements ChannelHandler {
        public final List<byte[]> frames = new ArrayList<>();
        public final List<Object> others = new ArrayList<>();
        public final List<Throwable> exceptions = new ArrayList<>();
        /** Frames and exceptions in the order they arrived: "F:hex" or "E:SimpleName". */
        public final List<String> events = new ArrayList<>();
        public int readCompletes;

        /** Creates an empty recorder. */
        public Recorder() {}

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Buffer) {
                Buffer buf = (Buffer) msg;
                try {
                    byte[] bytes = Buffers.toByteArray(buf);
                    frames.add(bytes);
                    events.add("F:" + hex(bytes));
                } finally {
                    buf.release();
                }
            } else {
                others.add(msg);
                events.add("M:" + msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            readCompletes++;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
            events.add("E:" + cause.getClass().getSimpleName());
        }

        /** Returns the exception classes in order. */
        public List<Class<?>> exceptionTypes() {
            List<Class<?>> types = new ArrayList<>();
            for (Throwable t : exceptions) {
                types.add(t.getClass());
            }
            return types;
        }
    }

    /** What one run produced. */
    public static final class Run {
        public final List<byte[]> frames;
        public final List<Throwable> exceptions;
        public final List<String> events;
        /** Whether the channel was closed before all the input was fed (the stream failed). */
        public final boolean closedEarly;
        /** Chunks fed before the channel closed. */
        public final int chunksFed;
        /** The most bytes the decoder held after a read, or -1 without a probe. */
        public final int peakHeldAfterRead;
        /** The most bytes decode was handed at once, or -1 without a probe. */
        public final int peakAtDecode;
        /** The largest chunk fed. */
        public final int largestChunk;
        public final String description;

        Run(Recorder r, boolean closedEarly, int chunksFed, int peakHeldAfterRead, int peakAtDecode,
                int largestChunk, String description) {
            this.frames = r.frames;
            this.exceptions = r.exceptions;
            this.events = r.events;
            this.closedEarly = closedEarly;
            this.chunksFed = chunksFed;
            this.peakHeldAfterRead = peakHeldAfterRead;
            this.peakAtDecode = peakAtDecode;
            this.largestChunk = largestChunk;
            this.description = description;
        }

        /** Returns the exception classes in order. */
        public List<Class<?>> exceptionTypes() {
            List<Class<?>> types = new ArrayList<>();
            for (Throwable t : exceptions) {
                types.add(t.getClass());
            }
            return types;
        }

        @Override
        public String toString() {
            return description + ": " + frames.size() + " frames, exceptions " + exceptionTypes();
        }
    }

    // ---- splits --------------------------------------------------------------------------------

    /** One chunk holding everything (none for empty input). */
    public static int[] whole(int length) {
        return length == 0 ? new int[0] : new int[] {length};
    }

    /** One chunk per byte. */
    public static int[] byteByByte(int length) {
        int[] chunks = new int[length];
        Arrays.fill(chunks, 1);
        return chunks;
    }

    /** Random chunk sizes from 1 to {@code maxChunk}, biased towards small ones. */
    public static int[] randomSplits(int length, Random rnd, int maxChunk) {
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int size;
            switch (rnd.nextInt(4)) {
                case 0:
                    size = 1 + rnd.nextInt(3);
                    break;
                case 1:
                    size = 1 + rnd.nextInt(16);
                    break;
                default:
                    size = 1 + rnd.nextInt(Math.max(1, maxChunk));
            }
            size = Math.min(size, left);
            sizes.add(size);
            left -= size;
        }
        int[] chunks = new int[sizes.size()];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = sizes.get(i);
        }
        return chunks;
    }

    // ---- chunks --------------------------------------------------------------------------------

    /** Returns {@code src[off, off + len)} as a new buffer of {@code kind}; the caller owns it. */
    public static Buffer chunk(byte[] src, int off, int len, ChunkKind kind, Random rnd) {
        BufferAllocator alloc = rnd.nextBoolean() ? BufferAllocator.pooled() : BufferAllocator.unpooled();
        switch (kind) {
            case HEAP:
                return alloc.heapBuffer(len).writeBytes(src, off, len);
            case DIRECT:
                return alloc.directBuffer(len).writeBytes(src, off, len);
            case READ_ONLY:
                switch (rnd.nextInt(3)) {
                    case 0:
                        return alloc.heapBuffer(len).writeBytes(src, off, len).asReadOnly();
                    case 1:
                        return Buffers.wrap(ByteBuffer.wrap(Arrays.copyOfRange(src, off, off + len)).asReadOnlyBuffer());
                    default:
                        ByteBuffer direct = ByteBuffer.allocateDirect(len).put(src, off, len);
                        direct.flip();
                        return Buffers.wrap(direct.asReadOnlyBuffer());
                }
            case COMPOSITE: {
                CompositeBuffer composite = alloc.compositeBuffer();
                int parts = Math.min(len, 1 + rnd.nextInt(3));
                int at = off;
                for (int i = 0; i < parts; i++) {
                    int n = i == parts - 1 ? off + len - at : 1 + rnd.nextInt(len - (at - off) - (parts - i - 1));
                    Buffer part = rnd.nextBoolean() ? alloc.heapBuffer(n) : alloc.directBuffer(n);
                    composite.addComponent(part.writeBytes(src, at, n));
                    at += n;
                }
                return composite;
            }
            case OFFSET: {
                int before = 1 + rnd.nextInt(8);
                int after = 1 + rnd.nextInt(64);
                Buffer buf = alloc.heapBuffer(before + len + after);
                for (int i = 0; i < before; i++) {
                    buf.writeByte('#'); // junk before the reader index: must never show up in a frame
                }
                buf.readerIndex(before);
                return buf.writeBytes(src, off, len);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    // ---- runs ----------------------------------------------------------------------------------

    /**
     * Feeds {@code input} to a fresh channel holding {@code decoder} (with {@code cumulator}), in
     * chunks of the given sizes, each of {@code kind} ({@code null}: a random kind per chunk). Stops
     * feeding when the channel closes, and closes it after the last chunk (so {@code decodeLast}
     * runs). Never throws for what the decoder does: exceptions are recorded.
     */
    public static Run run(ByteToMessageDecoder decoder, ByteToMessageDecoder.Cumulator cumulator, byte[] input,
            int[] chunks, ChunkKind kind, Random rnd) {
        decoder.setCumulator(cumulator);
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        Probe probe = decoder instanceof Probe ? (Probe) decoder : null;
        int peakHeld = probe == null ? -1 : 0;
        int largest = 0;
        int at = 0;
        int fed = 0;
        boolean closedEarly = false;
        ChunkKind[] kinds = ChunkKind.values();
        for (int size : chunks) {
            if (!ch.isOpen()) {
                closedEarly = true;
                break;
            }
            ChunkKind k = kind != null ? kind : kinds[rnd.nextInt(kinds.length)];
            ch.writeInbound(chunk(input, at, size, k, rnd));
            at += size;
            fed++;
            largest = Math.max(largest, size);
            if (probe != null) {
                peakHeld = Math.max(peakHeld, probe.held());
            }
        }
        ch.finishAndReleaseAll(); // exceptions at close reach the recorder, not the test
        String description = (cumulator == ByteToMessageDecoder.MERGE ? "MERGE" : "COMPOSITE") + "/"
                + (kind == null ? "MIXED" : kind.name()) + "/" + chunks.length + " chunks " + summary(chunks);
        return new Run(recorder, closedEarly, fed, peakHeld, probe == null ? -1 : probe.peakAtDecode(), largest,
                description);
    }

    private static String summary(int[] chunks) {
        if (chunks.length <= 12) {
            return Arrays.toString(chunks);
        }
        return Arrays.toString(Arrays.copyOf(chunks, 12)).replace("]", ", ...]");
    }

    /**
     * Asserts that {@code input} decodes to exactly {@code expected}, with no exception and the
     * channel open throughout, however it is split, whatever buffers carry it, with either
     * cumulator; the input is closed after the last chunk (so truncation would show).
     */
    public static void assertSameFramesEverywhere(Supplier<? extends ByteToMessageDecoder> factory, byte[] input,
            List<byte[]> expected, long seed) {
        Random rnd = new Random(seed);
        List<int[]> splits = new ArrayList<>();
        splits.add(whole(input.length));
        splits.add(randomSplits(input.length, rnd, 64));
        splits.add(randomSplits(input.length, rnd, Math.max(1, input.length / 2)));
        for (ByteToMessageDecoder.Cumulator cumulator : List.of(ByteToMessageDecoder.MERGE,
                ByteToMessageDecoder.COMPOSITE)) {
            for (ChunkKind kind : ChunkKind.values()) {
                for (int[] split : splits) {
                    assertRun(factory, cumulator, input, split, kind, rnd, expected);
                }
            }
            // byte by byte (tiny chunks for long input) and one more random split, each chunk a random kind
            int[] tiny = input.length <= 4096 ? byteByByte(input.length) : randomSplits(input.length, rnd, 8);
            assertRun(factory, cumulator, input, tiny, null, rnd, expected);
            assertRun(factory, cumulator, input, randomSplits(input.length, rnd, 8), null, rnd, expected);
        }
    }

    private static void assertRun(Supplier<? extends ByteToMessageDecoder> factory,
            ByteToMessageDecoder.Cumulator cumulator, byte[] input, int[] split, ChunkKind kind, Random rnd,
            List<byte[]> expected) {
        Run run = run(factory.get(), cumulator, input, split, kind, rnd);
        if (!run.exceptions.isEmpty()) {
            AssertionError e = new AssertionError(run + ": unexpected exception " + run.exceptions.get(0));
            e.addSuppressed(run.exceptions.get(0));
            throw e;
        }
        assertTrue(!run.closedEarly, run + ": the channel closed early");
        assertFrames(expected, run.frames, run.description);
    }

    /** Asserts two frame lists are equal: same count, order and contents. */
    public static void assertFrames(List<byte[]> expected, List<byte[]> actual, String context) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(expected.get(i), actual.get(i))) {
                fail(context + ": frame " + i + " differs: expected " + show(expected.get(i)) + " but was "
                        + show(actual.get(i)));
            }
        }
        assertEquals(expected.size(), actual.size(), context + ": frame count (expected " + describe(expected)
                + ", was " + describe(actual) + ")");
    }

    // ---- bytes ---------------------------------------------------------------------------------

    /** The ASCII bytes of {@code text}. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The frames as ASCII byte arrays. */
    public static List<byte[]> frames(String... texts) {
        List<byte[]> list = new ArrayList<>();
        for (String t : texts) {
            list.add(ascii(t));
        }
        return list;
    }

    /** Concatenates arrays. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Bytes 'a'.. cycling through the alphabet, distinct per {@code seed}. */
    public static byte[] body(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + (i + seed) % 26);
        }
        return b;
    }

    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    private static String show(byte[] bytes) {
        String h = bytes.length > 40 ? hex(Arrays.copyOf(bytes, 40)) + "..." : hex(bytes);
        return "[" + bytes.length + " bytes " + h + "]";
    }

    private static String describe(List<byte[]> frames) {
        StringBuilder sb = new StringBuilder().append(frames.size()).append(" frames");
        if (frames.size() <= 6) {
            sb.append(' ');
            for (byte[] f : frames) {
                sb.append(show(f));
            }
        }
        return sb.toString();
    }
}
