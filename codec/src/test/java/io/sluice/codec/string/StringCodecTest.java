package io.sluice.codec.string;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.frame.LineFrameDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StringDecoder, StringEncoder and LineEncoder with multi-byte UTF-8 and other charsets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StringCodecTest {
    private static final String MIXED = "gr\u00fc\u00dfe \u2014 \u65e5\u672c\u8a9e \ud83d\ude80 \u00e9t\u00e9";
    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
    private static final Charset UTF16BE = StandardCharsets.UTF_16BE;

    private static byte[] outbound(EmbeddedChannel ch) {
        Buffer b = ch.readOutbound();
        try {
            return Buffers.toByteArray(b);
        } finally {
            b.release();
        }
    }

    // ---- StringDecoder -------------------------------------------------------------------------

    @Test
    void decodesUtf8MultiByteTextAndReleasesTheBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new StringDecoder(StandardCharsets.UTF_8));
        Buffer in = Buffers.copyOf(MIXED, StandardCharsets.UTF_8);
        assertTrue(ch.writeInbound(in));
        assertEquals(MIXED, ch.readInbound());
        assertEquals(0, in.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void decodesOtherCharsets() {
        for (Charset cs : List.of(LATIN1, UTF16BE, StandardCharsets.UTF_16LE, Charset.forName("windows-1252"))) {
            String text = cs == LATIN1 || cs.name().equals("windows-1252") ? "caf\u00e9 \u00fc\u00df" : MIXED;
            EmbeddedChannel ch = new EmbeddedChannel(new StringDecoder(cs));
            ch.writeInbound(Buffers.copyOf(text, cs));
            assertEquals(text, ch.readInbound(), cs.name());
            assertFalse(ch.finish());
        }
    }

    @Test
    void malformedInputBecomesTheReplacementCharacter() {
        EmbeddedChannel ch = new EmbeddedChannel(new StringDecoder(StandardCharsets.UTF_8));
        ch.writeInbound(Buffers.copyOf(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xFF}));
        assertEquals("a\ufffdb\ufffd", ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void afterALineDecoderMultiByteCharactersSplitAcrossReadsSurvive() {
        byte[] wire = (MIXED + "\n" + MIXED + "\r\n").getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(60);
        for (int round = 0; round < 10; round++) {
            int[] split = round == 0 ? DecoderHarness.byteByByte(wire.length)
                    : DecoderHarness.randomSplits(wire.length, rnd, 7);
            EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(100), new StringDecoder(StandardCharsets.UTF_8));
            int at = 0;
            for (int n : split) {
                ch.writeInbound(DecoderHarness.chunk(wire, at, n, DecoderHarness.ChunkKind.values()[round % 5], rnd));
                at += n;
            }
            assertEquals(MIXED, ch.readInbound());
            assertEquals(MIXED, ch.readInbound());
            assertNull(ch.readInbound());
            assertFalse(ch.finish());
        }
    }

    @Test
    void stringDecoderPassesOtherMessagesAndIsSharable() {
        StringDecoder shared = new StringDecoder(StandardCharsets.UTF_8);
        EmbeddedChannel a = new EmbeddedChannel(shared);
        EmbeddedChannel b = new EmbeddedChannel(shared);
        Object other = 42;
        a.writeInbound(other);
        assertEquals(other, a.readInbound());
        b.writeInbound(Buffers.copyOf("b", StandardCharsets.UTF_8));
        assertEquals("b", b.readInbound());
        assertFalse(a.finish());
        assertFalse(b.finish());
    }

    // ---- StringEncoder -------------------------------------------------------------------------

    @Test
    void encodesUtf8AndOtherCharsets() {
        for (Charset cs : List.of(StandardCharsets.UTF_8, UTF16BE, LATIN1)) {
            String text = cs == LATIN1 ? "caf\u00e9" : MIXED;
            EmbeddedChannel ch = new EmbeddedChannel(new StringEncoder(cs));
            assertTrue(ch.writeOutbound(text));
            assertArrayEquals(text.getBytes(cs), outbound(ch), cs.name());
            assertTrue(ch.writeOutbound(new StringBuilder(text)), "any CharSequence");
            assertArrayEquals(text.getBytes(cs), outbound(ch));
            assertFalse(ch.finish());
        }
    }

    @Test
    void anEmptyStringIsWrittenAsAnEmptyBufferAndCompletesTheWrite() {
        EmbeddedChannel ch = new EmbeddedChannel(new StringEncoder(StandardCharsets.UTF_8));
        ChannelFuture f = ch.writeAndFlush("");
        assertTrue(f.isSuccess());
        assertArrayEquals(new byte[0], outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void theEncodedBufferIsDirectAndOtherMessagesPassThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(new StringEncoder(StandardCharsets.UTF_8));
        ch.writeOutbound("x");
        Buffer b = ch.readOutbound();
        assertTrue(b.isDirect());
        b.release();
        Buffer raw = Buffers.copyOf(new byte[] {1});
        ch.writeOutbound(raw);
        Buffer same = ch.readOutbound();
        assertSame(raw, same);
        same.release();
        assertFalse(ch.finish());
    }

    @Test
    void aLongStringGrowsItsBuffer() {
        String text = MIXED.repeat(2000);
        EmbeddedChannel ch = new EmbeddedChannel(new StringEncoder(StandardCharsets.UTF_8));
        ch.writeOutbound(text);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), outbound(ch));
        assertFalse(ch.finish());
    }

    /**
     * ASCII text of every length to 70, then the same text with a last char outside ASCII, in the
     * single-byte charsets: both encoders send exactly the JDK's bytes.
     */
    @Test
    void asciiTextOfEveryLengthAndATrailingNonAsciiCharEncodeAsTheJdkDoes() {
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, LATIN1)) {
            EmbeddedChannel plain = new EmbeddedChannel(new StringEncoder(cs));
            EmbeddedChannel lines = new EmbeddedChannel(new LineEncoder("\r\n", cs));
            StringBuilder text = new StringBuilder();
            for (int length = 0; length <= 70; length++) {
                for (String s : List.of(text.toString(), text + "\u00e9", text + "\u20ac")) {
                    String what = cs + "/" + s.length();
                    plain.writeOutbound(s);
                    assertArrayEquals(s.getBytes(cs), outbound(plain), what);
                    lines.writeOutbound(s);
                    assertArrayEquals((s + "\r\n").getBytes(cs), outbound(lines), what);
                }
                text.append((char) ('a' + length % 26));
            }
            assertFalse(plain.finish());
            assertFalse(lines.finish());
        }
    }

    // ---- LineEncoder ---------------------------------------------------------------------------

    @Test
    void linesEndInLfByDefaultOrInTheGivenSeparator() {
        EmbeddedChannel lf = new EmbeddedChannel(new LineEncoder(StandardCharsets.UTF_8));
        lf.writeOutbound(MIXED);
        assertArrayEquals((MIXED + "\n").getBytes(StandardCharsets.UTF_8), outbound(lf));
        assertFalse(lf.finish());

        EmbeddedChannel crlf = new EmbeddedChannel(new LineEncoder("\r\n", LATIN1));
        crlf.writeOutbound("caf\u00e9", "");
        assertArrayEquals("caf\u00e9\r\n".getBytes(LATIN1), outbound(crlf));
        assertArrayEquals("\r\n".getBytes(LATIN1), outbound(crlf));
        assertFalse(crlf.finish());
    }

    @Test
    void linesRoundTripThroughTheLineDecoderAndStringDecoder() {
        List<String> lines = List.of(MIXED, "", "plain", "\u00e9\u00e9\u00e9", "\ud83d\ude80");
        EmbeddedChannel out = new EmbeddedChannel(new LineEncoder("\r\n", StandardCharsets.UTF_8));
        EmbeddedChannel in = new EmbeddedChannel(new LineFrameDecoder(64), new StringDecoder(StandardCharsets.UTF_8));
        for (String line : lines) {
            out.writeOutbound(line);
        }
        for (Buffer b; (b = out.readOutbound()) != null; ) {
            in.writeInbound(b);
        }
        List<String> got = new ArrayList<>();
        for (String s; (s = in.readInbound()) != null; ) {
            got.add(s);
        }
        assertEquals(lines, got);
        assertFalse(out.finish());
        assertFalse(in.finish());
    }

    /**
     * Charsets that write a byte-order mark (UTF-16) put one before the text and another before
     * the separator, which LineEncoder encodes on its own: "hi" becomes BOM h i BOM \n, and decodes
     * as "hi\uFEFF\n".
     */
    @Test
    void aCharsetWithAByteOrderMarkGetsOneMarkPerLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineEncoder(StandardCharsets.UTF_16));
        ch.writeOutbound("hi");
        byte[] wire = outbound(ch);
        assertFalse(ch.finish());
        assertEquals("hi\n", new String(wire, StandardCharsets.UTF_16));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> new StringDecoder(null));
        assertThrows(NullPointerException.class, () -> new StringEncoder(null));
        assertThrows(NullPointerException.class, () -> new LineEncoder(null));
        assertThrows(IllegalArgumentException.class, () -> new LineEncoder("", StandardCharsets.UTF_8));
        assertThrows(NullPointerException.class, () -> new LineEncoder(null, StandardCharsets.UTF_8));
    }
}
