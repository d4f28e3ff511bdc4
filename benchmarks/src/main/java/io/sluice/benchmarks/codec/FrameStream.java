package io.sluice.benchmarks.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A precomputed byte stream of small frames, cut into {@link #READ_SIZE}-byte reads.
 *
 * <p>The stream is one <em>cycle</em> of {@code lcm(READ_SIZE, frameSize)} bytes: it holds a whole
 * number of frames and a whole number of reads, so feeding its reads round and round is one endless,
 * well-formed stream. No frame size used divides 8192, so most reads end inside a frame (sometimes
 * inside its length field) and the next read completes it.
 *
 * <p>Frame {@code i}'s body differs from its neighbours' ({@link #body}), so a decoder that emits the
 * wrong bytes, or frames in the wrong order, fails the setup check.
 */
final class FrameStream {
    /** The size of every read fed to a decoder. */
    static final int READ_SIZE = 8192;

    /** Size of the length field of {@link Codec#LENGTH_FIELD} frames: 4 bytes, big-endian, body length only. */
    static final int LENGTH_FIELD_LENGTH = 4;

    /** Line ending of {@link Codec#LINE} frames (stripped by both decoders). */
    static final byte[] LINE_ENDING = "\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Longest frame either decoder accepts: far above the frames used, so never hit. */
    static final int MAX_FRAME_LENGTH = 65_536;

    enum Codec {
        /** A 4-byte big-endian body length, then the body; decoders strip the length field. */
        LENGTH_FIELD,
        /** A line of printable ASCII ended by CRLF; decoders strip the ending. */
        LINE;

        static Codec of(String name) {
            switch (name) {
                case "lengthField":
                    return LENGTH_FIELD;
                case "line":
                    return LINE;
                default:
                    throw new IllegalArgumentException("unknown codec: " + name);
            }
        }
    }

    final Codec codec;
    final int bodySize;
    /** Bytes per frame on the wire: body plus length field or line ending. */
    final int frameSize;
    /** One cycle of the stream. */
    final byte[] bytes;
    /** Frames per cycle. */
    final int frames;
    /** Reads per cycle. */
    final int reads;

    FrameStream(Codec codec, int bodySize) {
        if (bodySize <= 0) {
            throw new IllegalArgumentException("bodySize must be positive: " + bodySize);
        }
        this.codec = codec;
        this.bodySize = bodySize;
        this.frameSize = bodySize + (codec == Codec.LENGTH_FIELD ? LENGTH_FIELD_LENGTH : LINE_ENDING.length);
        if (READ_SIZE % frameSize == 0) {
            throw new IllegalArgumentException("frames of " + frameSize + " bytes would never straddle a read");
        }
        int length = lcm(READ_SIZE, frameSize);
        this.frames = length / frameSize;
        this.reads = length / READ_SIZE;
        this.bytes = new byte[length];
        int at = 0;
        for (int i = 0; i < frames; i++) {
            if (codec == Codec.LENGTH_FIELD) {
                bytes[at] = (byte) (bodySize >>> 24);
                bytes[at + 1] = (byte) (bodySize >>> 16);
                bytes[at + 2] = (byte) (bodySize >>> 8);
                bytes[at + 3] = (byte) bodySize;
                at += LENGTH_FIELD_LENGTH;
                fillBody(i, bytes, at);
                at += bodySize;
            } else {
                fillBody(i, bytes, at);
                at += bodySize;
                System.arraycopy(LINE_ENDING, 0, bytes, at, LINE_ENDING.length);
                at += LINE_ENDING.length;
            }
        }
        if (at != length) {
            throw new AssertionError(at + " != " + length);
        }
    }

    /** Average number of frames a read completes: {@code READ_SIZE / frameSize}. */
    double framesPerRead() {
        return (double) READ_SIZE / frameSize;
    }

    /** The body of frame {@code i} (of a cycle), as both decoders must emit it. */
    byte[] body(int i) {
        byte[] body = new byte[bodySize];
        fillBody(i, body, 0);
        return body;
    }

    private void fillBody(int i, byte[] dst, int at) {
        for (int j = 0; j < bodySize; j++) {
            // lines: printable ASCII only (no CR or LF); length-field bodies: any byte, CR and LF included
            dst[at + j] = codec == Codec.LINE ? (byte) ('!' + (i * 7 + j) % 94) : (byte) (i * 31 + j * 13 + (i >>> 8));
        }
    }

    /** Checks that {@code actual} is the body of frame {@code i}; the message names what differs. */
    void checkBody(int i, byte[] actual, String who) {
        byte[] expected = body(i);
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(who + ": frame " + i + " of " + codec + "/" + bodySize + " has "
                    + actual.length + " bytes " + preview(actual) + ", expected " + expected.length + " bytes "
                    + preview(expected));
        }
    }

    private static String preview(byte[] b) {
        return Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 12))) + (b.length > 12 ? "..." : "");
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return Math.multiplyExact(a / x, b);
    }
}
