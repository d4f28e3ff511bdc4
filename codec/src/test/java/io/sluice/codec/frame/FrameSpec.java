package io.sluice.codec.frame;

import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.DecoderHarness;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What a test needs to know about one frame decoder to check the rules every frame decoder keeps:
 * how to build it, how to frame a body for it, what it emits, its limit and when it must notice a
 * frame is too long. Used by {@link FrameDecoderContractTest} and the fuzz tests.
 */
public abstract class FrameSpec {
    private final String name;

    FrameSpec(String name) {
        this.name = name;
    }

    /** A probing decoder (see {@link Probed}) with limit {@code max}. */
    public abstract ByteToMessageDecoder create(int max, TooLongFrameAction action);

    /** The plain decoder class, as users create it. */
    public abstract ByteToMessageDecoder plain(int max, TooLongFrameAction action);

    /** The bytes of one valid frame carrying {@code body}. */
    public abstract byte[] encode(byte[] body, Random rnd);

    /** The longest body accepted with limit {@code max}. */
    public abstract int maxBody(int max);

    /**
     * The shortest prefix of an oversized frame after which the decoder must already have refused
     * it; one byte less must not be enough.
     */
    public abstract byte[] failFastPrefix(int max);

    /** How many bytes beyond {@code max} the decoder may legitimately hold after a read. */
    public abstract int heldSlack();

    /** Whether the decoder has a maximum frame length at all. */
    public boolean hasLimit() {
        return true;
    }

    /** A random body of {@code length} bytes this decoder can frame unambiguously. */
    public byte[] body(int length, Random rnd) {
        byte[] b = new byte[length];
        rnd.nextBytes(b);
        return b;
    }

    /** A random body length for limit {@code max}, often 0, 1 or the limit itself. */
    public int bodyLength(int max, Random rnd) {
        int top = maxBody(max);
        switch (rnd.nextInt(6)) {
            case 0:
                return 0;
            case 1:
                return Math.min(1, top);
            case 2:
                return top;
            default:
                return rnd.nextInt(top + 1);
        }
    }

    /** The smallest body length that {@code max} refuses. */
    public int tooLongBody(int max) {
        return maxBody(max) + 1;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The specs of all frame decoders. */
    public static List<FrameSpec> all() {
        return List.of(LENGTH_FIELD, LINE, DELIMITER, VARINT32, FIXED);
    }

    /** The specs of the frame decoders that have a limit. */
    public static List<FrameSpec> limited() {
        return List.of(LENGTH_FIELD, LINE, DELIMITER, VARINT32);
    }

    // ---- the specs -----------------------------------------------------------------------------

    /** A 2-byte big-endian length, stripped: the body is emitted. */
    public static final FrameSpec LENGTH_FIELD = new FrameSpec("LengthFieldFrameDecoder") {
        @Override
        public ByteToMessageDecoder create(int max, TooLongFrameAction action) {
            return new Probed.LengthField(ByteOrder.BIG_ENDIAN, max, 0, 2, 0, 2, action);
        }

        @Override
        public ByteToMessageDecoder plain(int max, TooLongFrameAction action) {
            return new LengthFieldFrameDecoder(ByteOrder.BIG_ENDIAN, max, 0, 2, 0, 2, action);
        }

        @Override
        public byte[] encode(byte[] body, Random rnd) {
            return DecoderHarness.concat(new byte[] {(byte) (body.length >>> 8), (byte) body.length}, body);
        }

        @Override
        public int maxBody(int max) {
            return max - 2; // the limit counts the header
        }

        @Override
        public byte[] failFastPrefix(int max) {
            int length = max - 1; // body max - 1 makes a frame of max + 1 bytes
            return new byte[] {(byte) (length >>> 8), (byte) length};
        }

        @Override
        public int heldSlack() {
            return 0;
        }
    };

    /** Lines ending in \n or \r\n, stripped; bodies may hold a lone \r. */
    public static final FrameSpec LINE = new FrameSpec("LineFrameDecoder") {
        @Override
        public ByteToMessageDecoder create(int max, TooLongFrameAction action) {
            return new Probed.Line(max, true, action);
        }

        @Override
        public ByteToMessageDecoder plain(int max, TooLongFrameAction action) {
            return new LineFrameDecoder(max, true, action);
        }

        @Override
        public byte[] encode(byte[] body, Random rnd) {
            return DecoderHarness.concat(body, DecoderHarness.ascii(rnd.nextBoolean() ? "\n" : "\r\n"));
        }

        @Override
        public byte[] body(int length, Random rnd) {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                int r = rnd.nextInt(20);
                b[i] = r == 0 && i < length - 1 ? (byte) '\r' : (byte) ('A' + r);
            }
            return b;
        }

        @Override
        public int maxBody(int max) {
            return max;
        }

        @Override
        public byte[] failFastPrefix(int max) {
            byte[] b = new byte[max + 1];
            Arrays.fill(b, (byte) 'x');
            return b;
        }

        @Override
        public int heldSlack() {
            return 1; // a trailing \r may be the start of the line ending
        }
    };

    /** Frames ending in NUL or \n (one-byte delimiters: the exact fail-fast point is known). */
    public static final FrameSpec DELIMITER = new FrameSpec("DelimiterFrameDecoder") {
        private final byte[][] delimiters = {{0}, {'\n'}};

        @Override
        public ByteToMessageDecoder create(int max, TooLongFrameAction action) {
            return new Probed.Delimiter(max, true, action, delimiters);
        }

        @Override
        public ByteToMessageDecoder plain(int max, TooLongFrameAction action) {
            return new DelimiterFrameDecoder(max, true, action, delimiters);
        }

        @Override
        public byte[] encode(byte[] body, Random rnd) {
            return DecoderHarness.concat(body, delimiters[rnd.nextInt(2)]);
        }

        @Override
        public byte[] body(int length, Random rnd) {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                b[i] = (byte) (1 + rnd.nextInt(9)); // never 0 or \n (10)
            }
            return b;
        }

        @Override
        public int maxBody(int max) {
            return max;
        }

        @Override
        public byte[] failFastPrefix(int max) {
            byte[] b = new byte[max + 1];
            Arrays.fill(b, (byte) 'x');
            return b;
        }

        @Override
        public int heldSlack() {
            return 0;
        }
    };

    /** A base-128 varint length, then the body. */
    public static final FrameSpec VARINT32 = new FrameSpec("Varint32FrameDecoder") {
        @Override
        public ByteToMessageDecoder create(int max, TooLongFrameAction action) {
            return new Probed.Varint32(max, action);
        }

        @Override
        public ByteToMessageDecoder plain(int max, TooLongFrameAction action) {
            return new Varint32FrameDecoder(max, action);
        }

        @Override
        public byte[] encode(byte[] body, Random rnd) {
            return DecoderHarness.concat(varint(body.length), body);
        }

        @Override
        public int maxBody(int max) {
            return max; // the limit does not count the prefix
        }

        @Override
        public byte[] failFastPrefix(int max) {
            return varint(max + 1);
        }

        @Override
        public int heldSlack() {
            return 5; // the prefix
        }
    };

    /** Fixed-length frames: the "limit" is the frame length itself and nothing is too long. */
    public static final FrameSpec FIXED = new FrameSpec("FixedLengthFrameDecoder") {
        @Override
        public ByteToMessageDecoder create(int max, TooLongFrameAction action) {
            return new Probed.Fixed(max);
        }

        @Override
        public ByteToMessageDecoder plain(int max, TooLongFrameAction action) {
            return new FixedLengthFrameDecoder(max);
        }

        @Override
        public byte[] encode(byte[] body, Random rnd) {
            return body.clone();
        }

        @Override
        public int maxBody(int max) {
            return max;
        }

        @Override
        public int bodyLength(int max, Random rnd) {
            return max; // every frame has the same length
        }

        @Override
        public byte[] failFastPrefix(int max) {
            throw new UnsupportedOperationException("no limit");
        }

        @Override
        public int heldSlack() {
            return 0;
        }

        @Override
        public boolean hasLimit() {
            return false;
        }
    };

    /** The base-128 varint encoding of {@code value} (unsigned). */
    public static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }
}
