package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate framing (RFC 7692, section 7.2): the sample bytes of section 7.2.3, whole, byte
 * by byte and in random splits through the frame decoder; the encoder's output; round trips; the bad
 * input rules.
 */
class PerMessageDeflateCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String HELLO = "TEXT fin rsv0 48656c6c6f";
    /** A server's frame decoder that allows RSV1, as after a permessage-deflate agreement. */
    private static final Supplier<WebSocketFrameDecoder> SERVER = () -> WebSocketFrameDecoder.create(true, 65536, 4);

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    /** A masked client frame with first byte {@code b0} and the payload in hex. */
    private static byte[] frame(int b0, String payloadHex) {
        return WsWire.frame(b0, hex(payloadHex), true);
    }

    private static Supplier<ChannelHandler[]> inflating(int maxMessageBytes, boolean noContextTakeover) {
        return () -> new ChannelHandler[] {new PerMessageDeflateDecoder(maxMessageBytes, noContextTakeover)};
    }

    private static Supplier<ChannelHandler[]> inflatingAndAggregating(boolean noContextTakeover) {
        return () -> new ChannelHandler[] {new PerMessageDeflateDecoder(1 << 20, noContextTakeover),
                new WebSocketMessageAggregator()};
    }

    private static void assertClean(WsWire.Result r) {
        assertTrue(r.exceptions().isEmpty(), () -> "exceptions " + r.exceptions());
        assertTrue(r.open(), "open");
        assertEquals(List.of(), r.closeCodesSent());
    }

    private static void assertFails(WsWire.Result r, int code, String messagePart) {
        assertEquals(List.of(code), r.closeCodesSent());
        assertEquals(1, r.exceptions().size(), () -> "exceptions " + r.exceptions());
        WebSocketProtocolException e = assertInstanceOf(WebSocketProtocolException.class, r.exceptions().get(0));
        assertEquals(code, e.closeStatus().code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertFalse(r.open(), "closed");
    }

    // ---- RFC 7692 section 7.2.3 samples, received -----------------------------------------------

    @Test
    void helloOfSection7_2_3_1Inflates() {
        WsWire.Result r = WsWire.feedEverywhere(SERVER, frame(0xC1, "f2 48 cd c9 c9 07 00"), 1, inflating(1024, false));
        assertClean(r);
        assertEquals(List.of(HELLO), r.frames());
    }

    @Test
    void fragmentedHelloOfSection7_2_3_1InflatesWithRsv1OnTheFirstFrameOnly() {
        byte[] input = DecoderHarness.concat(frame(0x41, "f2 48 cd"), frame(0x80, "c9 c9 07 00"));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 2, inflatingAndAggregating(false));
        assertClean(r);
        assertEquals(List.of(HELLO), r.frames());
        WsWire.Result unaggregated = WsWire.feedEverywhere(SERVER, input, 3, inflating(1024, false));
        assertClean(unaggregated);
        assertEquals(2, unaggregated.frames().size());
        assertTrue(unaggregated.frames().get(0).startsWith("TEXT more rsv0 "), unaggregated.frames().toString());
        assertTrue(unaggregated.frames().get(1).startsWith("CONTINUATION fin rsv0 "), unaggregated.frames().toString());
    }

    @Test
    void secondHelloOfSection7_2_3_2ReusesTheWindowWithContextTakeover() {
        byte[] input = DecoderHarness.concat(frame(0xC1, "f2 48 cd c9 c9 07 00"), frame(0xC1, "f2 00 11 00 00"));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 4, inflating(1024, false));
        assertClean(r);
        assertEquals(List.of(HELLO, HELLO), r.frames());
    }

    @Test
    void withoutContextTakeoverEachHelloStandsAlone() {
        byte[] input = DecoderHarness.concat(frame(0xC1, "f2 48 cd c9 c9 07 00"), frame(0xC1, "f2 48 cd c9 c9 07 00"));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 5, inflating(1024, true));
        assertClean(r);
        assertEquals(List.of(HELLO, HELLO), r.frames());
    }

    @Test
    void storedBlockBfinalBlockAndTwoBlocksOfSections7_2_3_3To7_2_3_5Inflate() {
        byte[] input = DecoderHarness.concat(
                frame(0xC1, "00 05 00 fa ff 48 65 6c 6c 6f 00"), // 7.2.3.3: no compression
                frame(0xC1, "f3 48 cd c9 c9 07 00 00"), // 7.2.3.4: BFINAL set, so the inflater restarts after
                frame(0xC1, "f2 48 05 00 00 00 ff ff ca c9 c9 07 00"), // 7.2.3.5: two blocks
                frame(0x81, "48 65 6c 6c 6f")); // uncompressed: passes as it is
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 6, inflating(1024, false));
        assertClean(r);
        assertEquals(List.of(HELLO, HELLO, HELLO, HELLO), r.frames());
    }

    @Test
    void controlFramesBetweenCompressedFragmentsPassThrough() {
        byte[] input = DecoderHarness.concat(frame(0x41, "f2 48 cd"), frame(0x89, "6869"), frame(0x80, "c9 c9 07 00"));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 7, inflatingAndAggregating(false));
        assertClean(r);
        assertEquals(List.of("PING fin rsv0 6869", HELLO), r.frames());
    }

    // ---- bad input -------------------------------------------------------------------------------

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        byte[] input = DecoderHarness.concat(frame(0x41, "f2 48 cd"), frame(0xC0, "c9 c9 07 00"));
        assertFails(WsWire.feedEverywhere(SERVER, input, 8, inflating(1024, false)), 1002, "CONTINUATION");
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() {
        assertFails(WsWire.feedEverywhere(SERVER, frame(0xC9, "6869"), 9, inflating(1024, false)), 1002, "PING");
    }

    @Test
    void corruptDeflateDataIsInvalidPayload() {
        // BTYPE 11 is reserved in RFC 1951: no decoder accepts it
        assertFails(WsWire.feedEverywhere(SERVER, frame(0xC1, "ff ff ff"), 10, inflating(1024, false)), 1007,
                "compressed message");
        // a stored block whose length and its complement disagree
        assertFails(WsWire.feedEverywhere(SERVER, frame(0xC2, "00 05 00 00 00 48 65 6c 6c 6f"), 11,
                inflating(1024, false)), 1007, "compressed message");
    }

    @Test
    void textThatIsNotUtf8OnceInflatedIsInvalidPayloadWhileBinaryPasses() {
        byte[] notUtf8 = {(byte) 0xC3, 0x28, 'a', 'b'};
        byte[] text = WsWire.frame(0xC1, deflate(notUtf8, 6), true);
        assertFails(WsWire.feedEverywhere(SERVER, text, 12, inflating(1024, false)), 1007, "UTF-8");
        byte[] binary = WsWire.frame(0xC2, deflate(notUtf8, 6), true);
        WsWire.Result r = WsWire.feedEverywhere(SERVER, binary, 13, inflating(1024, false));
        assertClean(r);
        assertEquals(List.of("BINARY fin rsv0 c3286162"), r.frames());
    }

    @Test
    void aMessageThatInflatesPastTheLimitIsTooBigAndOneAtTheLimitPasses() {
        byte[] zeros = new byte[1000];
        byte[] atLimit = WsWire.frame(0xC2, deflate(zeros, 9), true);
        WsWire.Result ok = WsWire.feedEverywhere(SERVER, atLimit, 14, inflating(1000, false));
        assertClean(ok);
        assertEquals(1, ok.frames().size());
        byte[] bomb = deflate(new byte[4 << 20], 9); // 4 MiB of zeros in about 4 KiB
        assertTrue(bomb.length < 8192, "compressed to " + bomb.length);
        assertFails(WsWire.feedEverywhere(SERVER, WsWire.frame(0xC2, bomb, true), 15, inflating(1000, false)), 1009,
                "more than 1000 bytes");
        // the limit counts the whole message, across fragments
        byte[] half = deflateFragments(new byte[][] {new byte[600], new byte[600]});
        assertFails(WsWire.feedEverywhere(SERVER, half, 16, inflating(1000, false)), 1009, "more than 1000 bytes");
    }

    // ---- sending ---------------------------------------------------------------------------------

    private static List<byte[]> send(ChannelHandler deflater, WebSocketFrame... frames) {
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketFrameEncoder.forServer(), deflater);
        List<byte[]> wire = new ArrayList<>();
        for (WebSocketFrame f : frames) {
            ch.writeOutbound(f);
            Buffer b = ch.readOutbound();
            wire.add(Buffers.toByteArray(b));
            b.release();
        }
        ch.finishAndReleaseAll();
        return wire;
    }

    @Test
    void helloIsSentAsInSection7_2_3WithAndWithoutContextTakeover() {
        List<byte[]> kept = send(new PerMessageDeflateEncoder(6, 0, false), WebSocketFrame.text("Hello"),
                WebSocketFrame.text("Hello"));
        assertEquals("c107f248cdc9c90700", HEX.formatHex(kept.get(0)));
        assertEquals("c105f200110000", HEX.formatHex(kept.get(1)));
        List<byte[]> reset = send(new PerMessageDeflateEncoder(6, 0, true), WebSocketFrame.text("Hello"),
                WebSocketFrame.text("Hello"));
        assertEquals("c107f248cdc9c90700", HEX.formatHex(reset.get(0)));
        assertEquals("c107f248cdc9c90700", HEX.formatHex(reset.get(1)));
    }

    @Test
    void controlFramesSmallMessagesAndPreEncodedFramesGoUncompressed() {
        List<byte[]> wire = send(new PerMessageDeflateEncoder(6, 10, false),
                WebSocketFrame.ping(Buffers.wrap(WsWire.utf8("ping ping ping ping"))),
                WebSocketFrame.text("Hello"),
                new WebSocketFrame(WebSocketOpcode.BINARY, true, 2, Buffers.wrap(new byte[20])),
                WebSocketFrame.close(WebSocketCloseStatus.NORMAL.withReason("done done done done")));
        assertEquals(0x89, wire.get(0)[0] & 0xFF);
        assertEquals("810548656c6c6f", HEX.formatHex(wire.get(1)));
        assertEquals(0xA2, wire.get(2)[0] & 0xFF);
        assertEquals(0x88, wire.get(3)[0] & 0xFF);
    }

    @Test
    void aFragmentedMessageHasRsv1OnItsFirstFrameOnlyAndInflatesBack() {
        List<byte[]> wire = send(new PerMessageDeflateEncoder(6, 1000, false),
                new WebSocketFrame(WebSocketOpcode.TEXT, false, 0, Buffers.wrap(WsWire.utf8("Hel"))),
                new WebSocketFrame(WebSocketOpcode.CONTINUATION, false, 0, Buffers.wrap(new byte[0])),
                new WebSocketFrame(WebSocketOpcode.CONTINUATION, true, 0, Buffers.wrap(WsWire.utf8("lo"))));
        assertEquals(0x41, wire.get(0)[0] & 0xFF);
        assertEquals(0x00, wire.get(1)[0] & 0xFF);
        assertEquals(0x80, wire.get(2)[0] & 0xFF);
        byte[] all = DecoderHarness.concat(wire.get(0), wire.get(1), wire.get(2));
        WsWire.Result r = WsWire.feedEverywhere(() -> WebSocketFrameDecoder.create(false, 65536, 4), all, 17,
                inflatingAndAggregating(false));
        assertClean(r);
        assertEquals(List.of(HELLO), r.frames());
    }

    @Test
    void randomMessagesRoundTripThroughAClientAndAServerWithAndWithoutContextTakeover() {
        for (boolean reset : new boolean[] {false, true}) {
            Random rnd = new Random(reset ? 1 : 2);
            EmbeddedChannel client = new EmbeddedChannel(WebSocketFrameEncoder.forClient(),
                    new PerMessageDeflateEncoder(1 + rnd.nextInt(9), 16, reset));
            List<String> expected = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int i = 0; i < 40; i++) {
                byte[] payload = i % 3 == 0 ? randomBytes(rnd, rnd.nextInt(300))
                        : DecoderHarness.body(rnd.nextInt(3000), i % 5);
                boolean text = i % 3 != 0;
                client.writeOutbound(text ? WebSocketFrame.text(Buffers.wrap(payload))
                        : WebSocketFrame.binary(Buffers.wrap(payload)));
                Buffer b = client.readOutbound();
                wire.writeBytes(Buffers.toByteArray(b));
                b.release();
                expected.add((text ? "TEXT" : "BINARY") + " fin rsv0 " + DecoderHarness.hex(payload));
            }
            client.finishAndReleaseAll();
            WsWire.Result r = WsWire.feedEverywhere(SERVER, wire.toByteArray(), 18, inflatingAndAggregating(reset));
            assertClean(r);
            assertEquals(expected, r.frames(), "context takeover " + !reset);
        }
    }

    // ---- native memory ---------------------------------------------------------------------------

    @Test
    void deflaterAndInflaterAreEndedWhenTheChannelCloses() {
        PerMessageDeflateEncoder deflater = new PerMessageDeflateEncoder(6, 0, false);
        PerMessageDeflateDecoder inflater = new PerMessageDeflateDecoder(1024, false);
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketFrameEncoder.forServer(), deflater, SERVER.get(), inflater);
        assertFalse(deflater.holdsDeflater() || inflater.holdsInflater(), "nothing before the first message");
        ch.writeOutbound(WebSocketFrame.text("Hello"));
        ch.writeInbound(Buffers.wrap(frame(0xC1, "f2 48 cd c9 c9 07 00")));
        assertTrue(deflater.holdsDeflater() && inflater.holdsInflater());
        ch.close();
        assertFalse(deflater.holdsDeflater(), "deflater ended");
        assertFalse(inflater.holdsInflater(), "inflater ended");
        ch.finishAndReleaseAll();
    }

    @Test
    void deflaterAndInflaterAreEndedWhenRemoved() {
        PerMessageDeflateEncoder deflater = new PerMessageDeflateEncoder(6, 0, false);
        PerMessageDeflateDecoder inflater = new PerMessageDeflateDecoder(1024, false);
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketFrameEncoder.forServer(), deflater, SERVER.get(), inflater);
        ch.writeOutbound(WebSocketFrame.text("Hello"));
        ch.writeInbound(Buffers.wrap(frame(0xC1, "f2 48 cd c9 c9 07 00")));
        ch.pipeline().remove(deflater);
        ch.pipeline().remove(inflater);
        assertFalse(deflater.holdsDeflater() || inflater.holdsInflater());
        ch.finishAndReleaseAll();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Raw deflate of {@code data} with a sync flush, the 4-byte tail removed (RFC 7692, 7.2.1). */
    static byte[] deflate(byte[] data, int level) {
        return deflateFragments(level, new byte[][] {data}, false);
    }

    /** Masked wire frames of one compressed binary message whose fragments hold {@code parts}. */
    private static byte[] deflateFragments(byte[][] parts) {
        return deflateFragments(6, parts, true);
    }

    private static byte[] deflateFragments(int level, byte[][] parts, boolean framed) {
        Deflater d = new Deflater(level, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < parts.length; i++) {
                d.setInput(parts[i]);
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                byte[] chunk = new byte[1024];
                int n;
                do {
                    n = d.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                    one.write(chunk, 0, n);
                } while (n == chunk.length);
                byte[] payload = one.toByteArray();
                boolean last = i == parts.length - 1;
                if (last) {
                    payload = java.util.Arrays.copyOf(payload, payload.length - 4);
                }
                if (!framed) {
                    return payload;
                }
                int b0 = (last ? 0x80 : 0) | (i == 0 ? 0x40 | 0x2 : 0);
                out.writeBytes(WsWire.frame(b0, payload, true));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
