package io.sluice.codec.fuzz;

import io.sluice.buffer.LeakDetector;
import io.sluice.buffer.LeakReport;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.TooLongFrameException;
import io.sluice.codec.frame.FrameSpec;
import io.sluice.codec.frame.Probed;
import io.sluice.codec.frame.TooLongFrameAction;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random and fuzzer-driven inputs for the frame decoders, and the properties every input must
 * keep. An input is a decoder configuration plus a byte stream; {@link #check} feeds the stream
 * whole and in several random splits (random buffer kinds, both cumulators) and fails with an
 * {@link AssertionError} unless:
 * <ul>
 * <li>only {@link TooLongFrameException} and {@link CorruptedFrameException} reach
 *     {@code exceptionCaught} (no other exception, nothing thrown out of the pipeline); with CLOSE
 *     at most one, and a corrupt stream ends it;</li>
 * <li>no buffer leaks (checked with {@link LeakDetector}, paranoid level required);</li>
 * <li>the decoder never holds more than its limit (plus the few bytes a header or a possible
 *     delimiter needs) after a read, nor is handed more than that plus one read;</li>
 * <li>every split gives the same frames and the same exceptions as the whole input;</li>
 * <li>a stream built only of valid frames gives exactly those frames and no exception.</li>
 * </ul>
 * Used by the seeded {@code FrameDecoderFuzzTest} and by {@link FrameDecoderFuzzer}.
 */
public final class FrameFuzzing {
    private FrameFuzzing() {}

    /** The decoders under fuzz. */
    public enum Target {
        LENGTH_FIELD, LINE, DELIMITER, VARINT32, FIXED
    }

    /**
     * Delimiter sets, including ones where a delimiter lies inside another ("\r" in "\r\n"):
     * the frames must not depend on where the reads split.
     */
    private static final String[][] DELIMITER_SETS = {
        {"\n"}, {"\0", "\n"}, {"\r\n"}, {"<END>", "\n"}, {"||", "\n", "##"}, {"\r\n\r\n"}, {"ab", "ba"},
        {"\r\n", "\r"}, {"\r", "\r\n"}, {"\n", "\r\n"}, {"<END>", "N"}, {"\r\n\r\n", "\r\n"},
    };

    /** One decoder configuration. */
    public static final class Config {
        final Target target;
        final TooLongFrameAction action;
        final int max;
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        int offset;
        int fieldSize = 2;
        boolean countsHeader;
        int strip;
        boolean stripDelimiter = true;
        byte[][] delimiters = {{'\n'}};

        Config(Target target, TooLongFrameAction action, int max) {
            this.target = target;
            this.action = action;
            this.max = max;
        }

        int header() {
            return offset + fieldSize;
        }

        /** A new probing decoder for this configuration. */
        public ByteToMessageDecoder create() {
            switch (target) {
                case LENGTH_FIELD:
                    return new Probed.LengthField(order, max, offset, fieldSize, countsHeader ? -header() : 0, strip,
                            action);
                case LINE:
                    return new Probed.Line(max, stripDelimiter, action);
                case DELIMITER:
                    return new Probed.Delimiter(max, stripDelimiter, action, delimiters);
                case VARINT32:
                    return new Probed.Varint32(max, action);
                case FIXED:
                    return new Probed.Fixed(max);
                default:
                    throw new AssertionError(target);
            }
        }

        /** Bytes beyond {@code max} the decoder may hold after a read. */
        int heldSlack() {
            switch (target) {
                case LINE:
                    return 1;
                case DELIMITER:
                    int longest = 0;
                    for (byte[] d : delimiters) {
                        longest = Math.max(longest, d.length);
                    }
                    return longest - 1;
                case VARINT32:
                    return 5;
                default:
                    return 0;
            }
        }

        long fieldMax() {
            return fieldSize == 8 ? Long.MAX_VALUE : (1L << (8 * fieldSize)) - 1;
        }

        /** The longest body a valid frame may carry. */
        int maxBody() {
            switch (target) {
                case LENGTH_FIELD:
                    return (int) Math.min(max - header(), fieldMax() - (countsHeader ? header() : 0));
                case FIXED:
                    return max;
                default:
                    return max;
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(target).append(' ').append(action).append(" max=").append(max);
            if (target == Target.LENGTH_FIELD) {
                sb.append(" order=").append(order).append(" offset=").append(offset).append(" field=").append(fieldSize)
                        .append(" countsHeader=").append(countsHeader).append(" strip=").append(strip);
            } else if (target == Target.LINE || target == Target.DELIMITER) {
                sb.append(" stripDelimiter=").append(stripDelimiter);
                if (target == Target.DELIMITER) {
                    sb.append(" delimiters=[");
                    for (byte[] d : delimiters) {
                        sb.append(DecoderHarness.hex(d)).append(' ');
                    }
                    sb.append(']');
                }
            }
            return sb.toString();
        }
    }

    /** A configuration and a stream; {@code expected} is set when the stream holds only valid frames. */
    public static final class Case {
        public final Config config;
        public final byte[] input;
        public final List<byte[]> expected;
        public final long seed;

        Case(Config config, byte[] input, List<byte[]> expected, long seed) {
            this.config = config;
            this.input = input;
            this.expected = expected;
            this.seed = seed;
        }

        @Override
        public String toString() {
            String hex = DecoderHarness.hex(input.length > 512 ? Arrays.copyOf(input, 512) : input);
            return config + " seed=" + seed + " input(" + input.length + ")=" + hex + (input.length > 512 ? "..." : "");
        }
    }

    // ---- generation ----------------------------------------------------------------------------

    /** A random configuration of {@code target}. */
    static Config randomConfig(Target target, Random rnd) {
        TooLongFrameAction action = rnd.nextBoolean() ? TooLongFrameAction.CLOSE : TooLongFrameAction.SKIP;
        switch (target) {
            case LENGTH_FIELD: {
                int[] sizes = {1, 2, 3, 4, 8};
                int fieldSize = sizes[rnd.nextInt(sizes.length)];
                int offset = rnd.nextInt(4);
                Config c = new Config(target, action, offset + fieldSize + rnd.nextInt(200));
                c.fieldSize = fieldSize;
                c.offset = offset;
                c.order = rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                c.countsHeader = rnd.nextBoolean();
                c.strip = rnd.nextInt(c.header() + 1);
                return c;
            }
            case LINE: {
                Config c = new Config(target, action, 1 + rnd.nextInt(120));
                c.stripDelimiter = rnd.nextBoolean();
                return c;
            }
            case DELIMITER: {
                Config c = new Config(target, action, 1 + rnd.nextInt(120));
                c.stripDelimiter = rnd.nextBoolean();
                c.delimiters = rnd.nextBoolean() ? fixedDelimiters(rnd.nextInt(DELIMITER_SETS.length))
                        : randomDelimiters(rnd);
                return c;
            }
            case VARINT32:
                return new Config(target, action, 1 + (rnd.nextInt(8) == 0 ? rnd.nextInt(5000) : rnd.nextInt(300)));
            case FIXED:
                return new Config(target, action, 1 + rnd.nextInt(40));
            default:
                throw new AssertionError(target);
        }
    }

    private static byte[][] fixedDelimiters(int index) {
        String[] set = DELIMITER_SETS[index];
        byte[][] out = new byte[set.length][];
        for (int i = 0; i < set.length; i++) {
            out[i] = DecoderHarness.ascii(set[i]);
        }
        return out;
    }

    /** One to three delimiters of one to four bytes from a small alphabet, none inside another. */
    private static byte[][] randomDelimiters(Random rnd) {
        for (;;) {
            int n = 1 + rnd.nextInt(3);
            byte[][] ds = new byte[n][];
            for (int i = 0; i < n; i++) {
                ds[i] = new byte[1 + rnd.nextInt(4)];
                for (int j = 0; j < ds[i].length; j++) {
                    ds[i][j] = (byte) (rnd.nextBoolean() ? 'A' + rnd.nextInt(4) : rnd.nextInt(3));
                }
            }
            if (distinct(ds)) {
                return ds; // one may lie inside another: frames must still not depend on the reads
            }
        }
    }

    static boolean substringFree(byte[][] ds) {
        for (int i = 0; i < ds.length; i++) {
            for (int j = 0; j < ds.length; j++) {
                if (i != j && contains(ds[j], ds[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    static boolean distinct(byte[][] ds) {
        for (int i = 0; i < ds.length; i++) {
            for (int j = i + 1; j < ds.length; j++) {
                if (Arrays.equals(ds[i], ds[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A random case for {@code target}: valid frames mixed with oversized, garbage, corrupt and cut-short ones. */
    public static Case generate(Target target, long seed) {
        Random rnd = new Random(mix(seed));
        Config c = randomConfig(target, rnd);
        boolean clean = rnd.nextInt(4) == 0;
        int segments = 1 + rnd.nextInt(12);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        List<byte[]> expected = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            int kind = clean ? 0 : rnd.nextInt(10);
            if (kind <= 4) { // a valid frame
                byte[] body = body(c, bodyLength(c, rnd), rnd);
                byte[][] framed = frame(c, body, rnd);
                in.writeBytes(framed[0]);
                expected.add(framed[1]);
            } else if (kind <= 6) { // an oversized frame
                byte[] over = oversized(c, rnd);
                in.writeBytes(over != null ? over : garbage(c, rnd));
            } else if (kind == 7) { // a corrupt header
                byte[] corrupt = corrupt(c, rnd);
                in.writeBytes(corrupt != null ? corrupt : garbage(c, rnd));
            } else if (kind == 8) {
                in.writeBytes(garbage(c, rnd));
            } else if (s == segments - 1) { // cut short at the end
                byte[] f = frame(c, body(c, Math.max(1, bodyLength(c, rnd)), rnd), rnd)[0];
                in.writeBytes(Arrays.copyOf(f, 1 + rnd.nextInt(f.length - 1 > 0 ? f.length - 1 : 1)));
            } else {
                in.writeBytes(garbage(c, rnd));
            }
        }
        // where one delimiter lies inside another, the generator's frames can read another way
        // ("a" "\r\n" "" "\r\n" is also "a" "\r\n\r\n"): then only the invariants are checked
        boolean unambiguous = c.delimiters == null || substringFree(c.delimiters);
        return new Case(c, in.toByteArray(), clean && unambiguous ? expected : null, seed);
    }

    private static int bodyLength(Config c, Random rnd) {
        int top = c.maxBody();
        if (c.target == Target.FIXED) {
            return top;
        }
        switch (rnd.nextInt(5)) {
            case 0:
                return 0;
            case 1:
                return top;
            case 2:
                return Math.max(0, top - 1);
            default:
                return rnd.nextInt(top + 1);
        }
    }

    /** A body that cannot contain a line ending or any delimiter byte. */
    private static byte[] body(Config c, int length, Random rnd) {
        byte[] b = new byte[length];
        if (c.target == Target.LINE) {
            for (int i = 0; i < length; i++) {
                int r = rnd.nextInt(30);
                b[i] = r == 0 && i < length - 1 ? (byte) '\r' : (byte) (' ' + r);
            }
        } else if (c.target == Target.DELIMITER) {
            boolean[] used = new boolean[256];
            for (byte[] d : c.delimiters) {
                for (byte x : d) {
                    used[x & 0xFF] = true;
                }
            }
            for (int i = 0; i < length; i++) {
                int x;
                do {
                    x = rnd.nextInt(256);
                } while (used[x]);
                b[i] = (byte) x;
            }
        } else {
            rnd.nextBytes(b);
        }
        return b;
    }

    /** The wire bytes of a frame with {@code body}, and what the decoder emits for it. */
    private static byte[][] frame(Config c, byte[] body, Random rnd) {
        switch (c.target) {
            case LENGTH_FIELD: {
                byte[] prefix = new byte[c.offset];
                rnd.nextBytes(prefix);
                long value = body.length + (c.countsHeader ? c.header() : 0);
                byte[] wire = DecoderHarness.concat(prefix, field(value, c.fieldSize, c.order), body);
                return new byte[][] {wire, Arrays.copyOfRange(wire, c.strip, wire.length)};
            }
            case LINE: {
                byte[] ending = DecoderHarness.ascii(rnd.nextBoolean() ? "\n" : "\r\n");
                byte[] wire = DecoderHarness.concat(body, ending);
                return new byte[][] {wire, c.stripDelimiter ? body : wire};
            }
            case DELIMITER: {
                byte[] d = c.delimiters[rnd.nextInt(c.delimiters.length)];
                byte[] wire = DecoderHarness.concat(body, d);
                return new byte[][] {wire, c.stripDelimiter ? body : wire};
            }
            case VARINT32:
                return new byte[][] {DecoderHarness.concat(FrameSpec.varint(body.length), body), body};
            case FIXED:
                return new byte[][] {body, body};
            default:
                throw new AssertionError(c.target);
        }
    }

    private static byte[] oversized(Config c, Random rnd) {
        if (c.target == Target.FIXED) {
            return null;
        }
        int length = c.maxBody() + 1 + rnd.nextInt(3 * c.max + 1);
        if (c.target == Target.LENGTH_FIELD && length + (c.countsHeader ? c.header() : 0) > c.fieldMax()) {
            return null;
        }
        return frame(c, body(c, length, rnd), rnd)[0];
    }

    private static byte[] corrupt(Config c, Random rnd) {
        if (c.target == Target.LENGTH_FIELD) {
            byte[] prefix = new byte[c.offset];
            if (c.fieldSize == 8) {
                long negative = Long.MIN_VALUE | rnd.nextLong();
                return DecoderHarness.concat(prefix, field(negative, 8, c.order), new byte[rnd.nextInt(4)]);
            }
            if (c.countsHeader) {
                return DecoderHarness.concat(prefix, field(rnd.nextInt(c.header()), c.fieldSize, c.order));
            }
            return null;
        }
        if (c.target == Target.VARINT32) {
            if (rnd.nextBoolean()) {
                byte[] b = new byte[5 + rnd.nextInt(3)];
                Arrays.fill(b, (byte) (0x80 | rnd.nextInt(128)));
                return b;
            }
            return FrameSpec.varint((1L << 31) + (rnd.nextLong() & ((1L << 34) - 1)));
        }
        return null;
    }

    private static byte[] garbage(Config c, Random rnd) {
        byte[] g = new byte[1 + rnd.nextInt(2 * c.max + 8)];
        if (c.target == Target.LINE && rnd.nextBoolean()) {
            byte[] alphabet = DecoderHarness.ascii("ab\r\n");
            for (int i = 0; i < g.length; i++) {
                g[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
        } else if (c.target == Target.DELIMITER && rnd.nextBoolean()) {
            for (int i = 0; i < g.length; ) { // pieces of delimiters and odd bytes
                byte[] d = c.delimiters[rnd.nextInt(c.delimiters.length)];
                int n = Math.min(g.length - i, 1 + rnd.nextInt(d.length));
                System.arraycopy(d, 0, g, i, n);
                i += n;
                if (i < g.length && rnd.nextBoolean()) {
                    g[i++] = (byte) rnd.nextInt(256);
                }
            }
        } else {
            rnd.nextBytes(g);
        }
        return g;
    }

    /** Spreads a seed's bits (java.util.Random's first outputs barely differ for consecutive seeds). */
    static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static byte[] field(long value, int size, ByteOrder order) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            int shift = 8 * (order == ByteOrder.BIG_ENDIAN ? size - 1 - i : i);
            b[i] = (byte) (value >>> shift);
        }
        return b;
    }

    /**
     * A case from raw fuzzer bytes: the first eight choose the decoder, its settings and the
     * split seed; the rest is the stream (no expected frames: only the invariants are checked).
     */
    public static Case fromBytes(byte[] data) {
        byte[] d = data.length >= 8 ? data : Arrays.copyOf(data, 8);
        Target target = Target.values()[(d[0] & 0xFF) % Target.values().length];
        TooLongFrameAction action = (d[1] & 1) == 0 ? TooLongFrameAction.CLOSE : TooLongFrameAction.SKIP;
        int u16 = ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
        int flags = d[4] & 0xFF;
        Config c;
        switch (target) {
            case LENGTH_FIELD: {
                int[] sizes = {1, 2, 3, 4, 8};
                int fieldSize = sizes[(flags & 7) % 5];
                int offset = (flags >>> 3) & 3;
                c = new Config(target, action, offset + fieldSize + u16 % 300);
                c.fieldSize = fieldSize;
                c.offset = offset;
                c.order = (d[1] & 2) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                c.countsHeader = (d[1] & 4) != 0;
                c.strip = ((flags >>> 5) & 7) % (c.header() + 1);
                break;
            }
            case DELIMITER:
                c = new Config(target, action, 1 + u16 % 200);
                c.stripDelimiter = (d[1] & 2) == 0;
                c.delimiters = fixedDelimiters(flags % DELIMITER_SETS.length);
                break;
            case LINE:
                c = new Config(target, action, 1 + u16 % 200);
                c.stripDelimiter = (d[1] & 2) == 0;
                break;
            case VARINT32:
                c = new Config(target, action, 1 + u16 % 5000);
                break;
            default:
                c = new Config(target, action, 1 + u16 % 64);
        }
        long seed = ((d[5] & 0xFFL) << 16) | ((d[6] & 0xFFL) << 8) | (d[7] & 0xFFL);
        return new Case(c, Arrays.copyOfRange(data, Math.min(8, data.length), data.length), null, seed);
    }

    // ---- checking ------------------------------------------------------------------------------

    /** Feeds the case whole and in random splits and checks every property; throws AssertionError if one fails. */
    public static void check(Case c) {
        long mark = LeakDetector.mark();
        Random rnd = new Random(mix(c.seed ^ 0x5DEECE66DL));
        int n = c.input.length;
        List<DecoderHarness.Run> runs = new ArrayList<>();
        runs.add(run(c, ByteToMessageDecoder.MERGE, DecoderHarness.whole(n), rnd));
        runs.add(run(c, ByteToMessageDecoder.COMPOSITE, DecoderHarness.randomSplits(n, rnd, c.config.max / 2 + 8), rnd));
        runs.add(run(c, ByteToMessageDecoder.MERGE, DecoderHarness.randomSplits(n, rnd, n <= 2000 ? 5 : 64), rnd));
        if (n <= 300) {
            runs.add(run(c, ByteToMessageDecoder.COMPOSITE, DecoderHarness.byteByByte(n), rnd));
        }
        for (DecoderHarness.Run r : runs) {
            checkRun(c, r);
        }
        DecoderHarness.Run first = runs.get(0);
        for (DecoderHarness.Run r : runs.subList(1, runs.size())) {
            if (!sameFrames(first.frames, r.frames)) {
                throw new AssertionError("frames depend on the split: whole gave " + first.frames.size() + ", "
                        + r.description + " gave " + r.frames.size() + " (first difference at "
                        + firstDifference(first.frames, r.frames) + ") for " + c);
            }
            if (!first.exceptionTypes().equals(r.exceptionTypes())) {
                throw new AssertionError("exceptions depend on the split: whole gave " + first.exceptionTypes() + ", "
                        + r.description + " gave " + r.exceptionTypes() + " for " + c);
            }
        }
        List<LeakReport> leaks = LeakDetector.unreleasedSince(mark);
        if (!leaks.isEmpty()) {
            LeakDetector.forgetSince(mark);
            throw new AssertionError(leaks.size() + " buffers leaked for " + c + "\n" + leaks.get(0));
        }
    }

    private static DecoderHarness.Run run(Case c, ByteToMessageDecoder.Cumulator cumulator, int[] split, Random rnd) {
        return DecoderHarness.run(c.config.create(), cumulator, c.input, split, null, rnd);
    }

    private static void checkRun(Case c, DecoderHarness.Run r) {
        Config cfg = c.config;
        for (int i = 0; i < r.exceptions.size(); i++) {
            Throwable t = r.exceptions.get(i);
            if (t.getClass() != TooLongFrameException.class && t.getClass() != CorruptedFrameException.class) {
                AssertionError e = new AssertionError(r.description + ": unexpected " + t + " for " + c);
                e.initCause(t);
                throw e;
            }
            boolean last = i == r.exceptions.size() - 1;
            if (!last && (cfg.action == TooLongFrameAction.CLOSE || t instanceof CorruptedFrameException)) {
                throw new AssertionError(r.description + ": exceptions after the stream ended " + r.exceptionTypes()
                        + " for " + c);
            }
        }
        int heldLimit = cfg.max + cfg.heldSlack();
        if (r.peakHeldAfterRead > heldLimit) {
            throw new AssertionError(r.description + ": held " + r.peakHeldAfterRead + " bytes after a read, limit "
                    + heldLimit + " for " + c);
        }
        if (r.peakAtDecode > heldLimit + r.largestChunk) {
            throw new AssertionError(r.description + ": decode was handed " + r.peakAtDecode + " bytes, more than "
                    + heldLimit + " + one read of " + r.largestChunk + " for " + c);
        }
        if (c.expected != null) {
            if (!r.exceptions.isEmpty()) {
                AssertionError e = new AssertionError(r.description + ": a clean stream raised " + r.exceptions.get(0)
                        + " for " + c);
                e.initCause(r.exceptions.get(0));
                throw e;
            }
            if (!sameFrames(c.expected, r.frames)) {
                throw new AssertionError(r.description + ": expected " + c.expected.size() + " frames, got "
                        + r.frames.size() + " (first difference at " + firstDifference(c.expected, r.frames) + ") for "
                        + c);
            }
        }
    }

    private static boolean sameFrames(List<byte[]> a, List<byte[]> b) {
        return firstDifference(a, b) < 0;
    }

    private static int firstDifference(List<byte[]> a, List<byte[]> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return i;
            }
        }
        return a.size() == b.size() ? -1 : n;
    }
}
