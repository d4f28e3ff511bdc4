package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.assertOutOfBounds;
import static io.sluice.buffer.TestBuffers.assertReadable;
import static io.sluice.buffer.TestBuffers.bytesAt;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charset helpers, indexOf/bytesBefore and forEachByte. */
interface BufferTextSearchContract extends BufferContractSupport {

    /** Multi-byte UTF-8: 2-byte, 3-byte and 4-byte (surrogate pair) sequences. */
    String UNICODE = "h\u00e9llo w\u00f6rld \u2713 \u20ac \uD834\uDD1E!";

    @Test
    default void utf8RoundTrip() {
        byte[] encoded = UNICODE.getBytes(UTF_8);
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeByte('>');
        assertEquals(encoded.length, buf.writeCharSequence(UNICODE, UTF_8));
        assertEquals(1 + encoded.length, buf.writerIndex());
        assertArrayEquals(encoded, bytesAt(buf, 1, encoded.length));
        assertEquals(">" + UNICODE, buf.toString(UTF_8));
        assertEquals(UNICODE, buf.toString(1, encoded.length, UTF_8));
        assertEquals(0, buf.readerIndex(), "toString does not move the reader index");
        buf.skipBytes(1);
        assertEquals(UNICODE, buf.readCharSequence(encoded.length, UTF_8));
        assertEquals(1 + encoded.length, buf.readerIndex());
        assertOutOfBounds(() -> buf.readCharSequence(1, UTF_8), 1);
        buf.release();
    }

    @Test
    default void asciiAndLatin1() {
        Buffer buf = newBuffer(CAP, CAP);
        assertEquals(5, buf.setCharSequence(2, "Hello", US_ASCII));
        assertEquals(0, buf.writerIndex(), "setCharSequence leaves the writer index alone");
        assertArrayEquals("Hello".getBytes(US_ASCII), bytesAt(buf, 2, 5));
        assertEquals("Hello", buf.toString(2, 5, US_ASCII));
        String latin = "caf\u00e9 \u00ff\u00a0\u00b5";
        assertEquals(latin.length(), buf.writeCharSequence(latin, ISO_8859_1));
        assertEquals((byte) 0xE9, buf.getByte(3));
        assertEquals((byte) 0xFF, buf.getByte(5));
        assertEquals(latin, buf.toString(ISO_8859_1));
        assertEquals(latin, buf.readCharSequence(latin.length(), ISO_8859_1));
        // every byte value decodes to the char of the same value in ISO-8859-1
        Buffer all = newBuffer(256, 256);
        for (int i = 0; i < 256; i++) {
            all.writeByte(i);
        }
        String decoded = all.toString(ISO_8859_1);
        for (int i = 0; i < 256; i++) {
            assertEquals(i, decoded.charAt(i));
        }
        all.release();
        buf.release();
    }

    @Test
    default void setCharSequenceDoesNotGrow() {
        Buffer buf = newBuffer(8, 1024);
        int cap = buf.capacity();
        StringBuilder tooLong = new StringBuilder();
        for (int i = 0; i <= cap; i++) {
            tooLong.append('x');
        }
        assertOutOfBounds(() -> buf.setCharSequence(0, tooLong, US_ASCII));
        assertEquals(cap, buf.capacity());
        assertOutOfBounds(() -> buf.setCharSequence(cap - 1, "\u00e9", UTF_8), cap - 1);
        buf.release();
    }

    @Test
    default void writeCharSequenceGrows() {
        assumeTrue(canGrow(), "fixed capacity");
        Buffer buf = newBuffer(4, 4096);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append(UNICODE);
        }
        String text = sb.toString();
        assertEquals(text.getBytes(UTF_8).length, buf.writeCharSequence(text, UTF_8));
        assertReadable(text.getBytes(UTF_8), buf);
        assertEquals(text, buf.toString(UTF_8));
        buf.release();
    }

    /** Chars at and past the single-byte ranges of UTF-8, US-ASCII and ISO-8859-1. */
    String[] ODD_CHARS = {"\u00e9", "\u00ff", "\u0100", "\u20ac", "\uD834\uDD1E", "\uD834", "\uDD1E", "\u007f", "\u0080"};

    /**
     * Strings of every length up to 40 (across any 8-byte step an implementation may take), at an
     * odd index, in the single-byte charsets: the bytes and the count are the JDK's.
     */
    @Test
    default void singleByteCharsetsMatchTheJdkAtEveryLength() {
        for (Charset cs : new Charset[] {UTF_8, US_ASCII, ISO_8859_1}) {
            for (int length = 0; length <= 40; length++) {
                String s = asciiText(length);
                byte[] expected = s.getBytes(cs);
                Buffer buf = newBuffer(CAP, CAP);
                buf.writeByte('>');
                assertEquals(expected.length, buf.writeCharSequence(s, cs), cs + "/" + length);
                assertEquals(1 + expected.length, buf.writerIndex(), cs + "/" + length);
                assertArrayEquals(expected, bytesAt(buf, 1, expected.length), cs + "/" + length);
                assertEquals(expected.length, buf.setCharSequence(CAP - 1 - length, s, cs));
                assertArrayEquals(expected, bytesAt(buf, CAP - 1 - length, expected.length), cs + "/" + length);
                assertEquals(1 + expected.length, buf.writerIndex(), "setCharSequence leaves the writer index alone");
                buf.release();
            }
        }
    }

    /**
     * A char outside the ASCII range at every position of a 20-char text (a multi-byte
     * character, a surrogate pair, a lone surrogate, a char the charset replaces): the bytes are
     * exactly the JDK's encoding, through String and through another CharSequence.
     */
    @Test
    default void charsOutsideTheSingleByteRangeAtEveryPositionEncodeAsTheJdkDoes() {
        for (Charset cs : new Charset[] {UTF_8, US_ASCII, ISO_8859_1}) {
            for (String odd : ODD_CHARS) {
                for (int at = 0; at <= 20; at++) {
                    String base = asciiText(20);
                    String s = base.substring(0, at) + odd + base.substring(at);
                    byte[] expected = s.getBytes(cs);
                    String what = cs + " " + Integer.toHexString(odd.charAt(0)) + " at " + at;
                    for (CharSequence seq : new CharSequence[] {s, new StringBuilder(s)}) {
                        Buffer buf = newBuffer(CAP, CAP);
                        buf.writeByte('>');
                        assertEquals(expected.length, buf.writeCharSequence(seq, cs), what);
                        assertEquals(1 + expected.length, buf.writerIndex(), what);
                        assertArrayEquals(expected, bytesAt(buf, 1, expected.length), what);
                        assertEquals(expected.length, buf.setCharSequence(30, seq, cs), what);
                        assertArrayEquals(expected, bytesAt(buf, 30, expected.length), what);
                        buf.release();
                    }
                }
            }
        }
    }

    @Test
    default void aSurrogatePairReplacedByOneByteFitsWhereItsTwoCharsWouldNot() {
        Buffer buf = newBuffer(CAP, CAP);
        int cap = buf.capacity();
        assertEquals(1, buf.setCharSequence(cap - 1, "\uD834\uDD1E", ISO_8859_1));
        assertEquals('?', buf.getByte(cap - 1));
        buf.writerIndex(cap - 1);
        assertEquals(1, buf.writeCharSequence("\uD834\uDD1E", US_ASCII));
        assertEquals(cap, buf.writerIndex());
        int last = buf.capacity() - 1; // a composite may have grown a component for the two chars
        assertOutOfBounds(() -> buf.setCharSequence(last, "ab", US_ASCII), last);
        buf.release();
    }

    @Test
    default void asciiWriteGrows() {
        assumeTrue(canGrow(), "fixed capacity");
        Buffer buf = newBuffer(4, 4096);
        String text = asciiText(94).repeat(20);
        assertEquals(text.length(), buf.writeCharSequence(text, UTF_8));
        assertReadable(text.getBytes(UTF_8), buf);
        buf.release();
    }

    @Test
    default void writeCharSequenceOnAReleasedOrReadOnlyBufferThrows() {
        Buffer buf = newBuffer(CAP, CAP);
        Buffer readOnly = buf.asReadOnly();
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.writeCharSequence("ascii", UTF_8));
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.setCharSequence(0, "ascii", UTF_8));
        buf.release();
        assertThrows(IllegalReferenceCountException.class, () -> buf.writeCharSequence("ascii", UTF_8));
        assertThrows(IllegalReferenceCountException.class, () -> buf.setCharSequence(0, "ascii", UTF_8));
    }

    /** Printable ASCII of {@code length} chars, none repeating within 8 (so a misplaced byte shows). */
    private static String asciiText(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('!' + i * 7 % 94));
        }
        return sb.toString();
    }

    private Buffer text(String s) {
        byte[] bytes = s.getBytes(US_ASCII);
        return withContent(bytes, bytes.length);
    }

    @Test
    default void indexOfForwardAndBackward() {
        Buffer buf = text("abcabc-abc");
        //                 0123456789
        assertEquals(0, buf.indexOf(0, 10, (byte) 'a'));
        assertEquals(3, buf.indexOf(1, 10, (byte) 'a'));
        assertEquals(2, buf.indexOf(0, 3, (byte) 'c'));
        assertEquals(-1, buf.indexOf(0, 2, (byte) 'c'), "toIndex is exclusive");
        assertEquals(-1, buf.indexOf(4, 4, (byte) 'b'), "empty range");
        assertEquals(-1, buf.indexOf(0, 10, (byte) 'z'));
        assertEquals(6, buf.indexOf(0, 10, (byte) '-'));
        // backwards (Netty's semantics): the last match in [toIndex, fromIndex)
        assertEquals(7, buf.indexOf(10, 0, (byte) 'a'));
        assertEquals(3, buf.indexOf(7, 0, (byte) 'a'), "fromIndex is exclusive");
        assertEquals(7, buf.indexOf(8, 0, (byte) 'a'));
        assertEquals(0, buf.indexOf(3, 0, (byte) 'a'), "toIndex is inclusive backwards");
        assertEquals(-1, buf.indexOf(3, 1, (byte) 'a'));
        assertEquals(9, buf.indexOf(Integer.MAX_VALUE, -5, (byte) 'c'), "indexes are clamped to the buffer");
        buf.readerIndex(5);
        assertEquals(0, buf.indexOf(0, 10, (byte) 'a'), "indexes are absolute, not relative to the reader");
        buf.release();
    }

    @Test
    default void indexOfSpansTheWholeBuffer() {
        Buffer buf = newBuffer(CAP, CAP);
        int cap = buf.capacity();
        buf.setZero(0, cap);
        for (int pos : new int[] {0, 1, cap / 3, cap / 2, cap - 2, cap - 1}) {
            buf.setByte(pos, 9);
            assertEquals(pos, buf.indexOf(0, cap, (byte) 9));
            assertEquals(pos, buf.indexOf(cap, 0, (byte) 9));
            buf.setByte(pos, 0);
        }
        buf.release();
    }

    /**
     * The forward search reads eight bytes at a time: check every start, end and match position
     * against a plain loop, with neighbours (value - 1, value + 1, 0x80) that fool inexact word tricks.
     */
    @Test
    default void indexOfMatchesAPlainSearchAtEveryAlignment() {
        Buffer buf = newBuffer(40, 40);
        int cap = Math.min(buf.capacity(), 40);
        for (int value : new int[] {0, 1, 0x0A, 0x7F, 0x80, 0xFF}) {
            byte v = (byte) value;
            for (int i = 0; i < cap; i++) {
                buf.setByte(i, (i % 3 == 0) ? value - 1 : (i % 3 == 1) ? value + 1 : 0x80 ^ value);
            }
            for (int match = -1; match < cap; match += 3) {
                if (match >= 0) {
                    buf.setByte(match, v);
                }
                for (int from = 0; from < cap; from += 5) {
                    for (int to = from; to <= cap; to += 7) {
                        int expected = -1;
                        for (int i = from; i < to; i++) {
                            if (buf.getByte(i) == v) {
                                expected = i;
                                break;
                            }
                        }
                        assertEquals(expected, buf.indexOf(from, to, v),
                                "value " + value + " in [" + from + ", " + to + ") with a match at " + match);
                    }
                }
            }
        }
        buf.release();
    }

    @Test
    default void bytesBefore() {
        Buffer buf = text("GET /x\r\nHost\n");
        assertEquals(6, buf.bytesBefore((byte) '\r'));
        assertEquals(7, buf.bytesBefore((byte) '\n'));
        buf.readerIndex(8);
        assertEquals(4, buf.bytesBefore((byte) '\n'), "counted from the reader index");
        assertEquals(-1, buf.bytesBefore((byte) '\r'));
        buf.writerIndex(12);
        assertEquals(-1, buf.bytesBefore((byte) '\n'), "only readable bytes are searched");
        buf.release();
    }

    @Test
    default void forEachByteVisitsInOrderAndStops() {
        Buffer buf = text("0123456789line\nrest");
        buf.readerIndex(2).writerIndex(18);
        List<Byte> seen = new ArrayList<>();
        assertEquals(-1, buf.forEachByte(v -> seen.add(v)));
        assertEquals(16, seen.size());
        assertEquals((byte) '2', seen.get(0));
        assertEquals((byte) 's', seen.get(15));
        assertEquals(14, buf.forEachByte(ByteProcessor.FIND_LF), "absolute index of the stop");
        assertEquals(14, buf.forEachByte(ByteProcessor.FIND_CRLF));
        int[] calls = {0};
        assertEquals(2, buf.forEachByte(v -> ++calls[0] < 1));
        assertEquals(1, calls[0], "the processor is not called after it said stop");
        assertEquals(-1, buf.forEachByte(15, 4, ByteProcessor.FIND_LF));
        assertEquals(14, buf.forEachByte(0, 15, ByteProcessor.FIND_LF));
        assertEquals(2, buf.readerIndex(), "no index moves");
        assertOutOfBounds(() -> buf.forEachByte(buf.capacity() - 2, 3, v -> true));
        assertOutOfBounds(() -> buf.forEachByte(-1, 3, v -> true));
        buf.release();
    }

    @Test
    default void forEachByteDescVisitsInReverseAndStops() {
        Buffer buf = text("a\nbcdef\ngh");
        //                 0 1234567 89
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        assertEquals(-1, buf.forEachByteDesc(v -> {
            seen.write(v);
            return true;
        }));
        assertEquals("hg\nfedcb\na", seen.toString(US_ASCII));
        assertEquals(7, buf.forEachByteDesc(ByteProcessor.FIND_LF));
        assertEquals(1, buf.forEachByteDesc(0, 7, ByteProcessor.FIND_LF));
        assertEquals(-1, buf.forEachByteDesc(2, 5, ByteProcessor.FIND_LF));
        buf.readerIndex(2);
        assertEquals(7, buf.forEachByteDesc(ByteProcessor.FIND_LF));
        buf.writerIndex(7);
        assertEquals(-1, buf.forEachByteDesc(ByteProcessor.FIND_LF), "only readable bytes");
        assertOutOfBounds(() -> buf.forEachByteDesc(buf.capacity() - 1, 2, v -> true));
        buf.release();
    }
}
