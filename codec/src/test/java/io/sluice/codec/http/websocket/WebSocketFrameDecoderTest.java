package io.sluice.codec.http.websocket;

import static io.sluice.codec.http.websocket.WsWire.close;
import static io.sluice.codec.http.websocket.WsWire.frame;
import static io.sluice.codec.http.websocket.WsWire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.codec.DecoderHarness;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebSocketFrameDecoderTest {
    private static final Supplier<WebSocketFrameDecoder> SERVER =
            () -> WebSocketFrameDecoder.forServer(WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD);
    private static final Supplier<WebSocketFrameDecoder> CLIENT =
            () -> WebSocketFrameDecoder.forClient(WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD);

    @Test
    void everyFrameKindWholeAndByteByByte() {
        byte[] input = DecoderHarness.concat(
                frame(0x81, utf8("héllo"), true),
                frame(0x82, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true),
                frame(0x01, utf8("frag"), true),
                frame(0x89, utf8("ping"), true), // a control frame between fragments
                frame(0x00, utf8("men"), true),
                frame(0x80, utf8("ted"), true),
                frame(0x8A, new byte[0], true),
                frame(0x88, close(1000, "bye"), true));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input);
        assertEquals(List.of(
                "TEXT fin rsv0 " + DecoderHarness.hex(utf8("héllo")),
                "BINARY fin rsv0 00010203040506070809",
                "TEXT more rsv0 " + DecoderHarness.hex(utf8("frag")),
                "PING fin rsv0 " + DecoderHarness.hex(utf8("ping")),
                "CONTINUATION more rsv0 " + DecoderHarness.hex(utf8("men")),
                "CONTINUATION fin rsv0 " + DecoderHarness.hex(utf8("ted")),
                "PONG fin rsv0 ",
                "CLOSE fin rsv0 " + DecoderHarness.hex(close(1000, "bye"))), r.frames());
        assertTrue(r.exceptions().isEmpty(), r.exceptions().toString());
        assertTrue(r.open());
    }

    @Test
    void lengthForms() {
        byte[] p126 = DecoderHarness.body(126, 1);
        byte[] p64k = DecoderHarness.body(65535, 2);
        byte[] p64kPlus = DecoderHarness.body(65536, 3);
        byte[] input = DecoderHarness.concat(frame(0x82, p126, true), frame(0x82, p64k, true),
                frame(0x82, p64kPlus, true));
        WsWire.Result r = WsWire.feedEverywhere(() -> WebSocketFrameDecoder.forServer(1 << 20), input);
        assertEquals(List.of("BINARY fin rsv0 " + DecoderHarness.hex(p126), "BINARY fin rsv0 " + DecoderHarness.hex(p64k),
                "BINARY fin rsv0 " + DecoderHarness.hex(p64kPlus)), r.frames());
    }

    @Test
    void clientReadsUnmaskedFrames() {
        WsWire.Result r = WsWire.feedEverywhere(CLIENT, frame(0x81, utf8("hi"), false));
        assertEquals(List.of("TEXT fin rsv0 6869"), r.frames());
    }

    @Test
    void rsvBitsAllowedWhenNegotiated() {
        WsWire.Result r = WsWire.feedEverywhere(() -> WebSocketFrameDecoder.create(true, 1024, 4),
                frame(0xC1, new byte[] {(byte) 0xFF}, true)); // compressed text: not checked as UTF-8 here
        assertEquals(List.of("TEXT fin rsv4 ff"), r.frames());
    }

    @Test
    void cumulationBoundCoversAPayloadLimitAboveItsDefault() {
        int limit = 32 << 20; // above ByteToMessageDecoder's 16 MiB default
        WebSocketFrameDecoder decoder = WebSocketFrameDecoder.forServer(limit);
        assertTrue(decoder.maxCumulationBytes() >= limit + 14L,
                "maxCumulationBytes: " + decoder.maxCumulationBytes() + " (expected: >= the payload limit + a header)");
        assertEquals(io.sluice.codec.ByteToMessageDecoder.DEFAULT_MAX_CUMULATION_BYTES,
                WebSocketFrameDecoder.forServer(65536).maxCumulationBytes(), "a small limit keeps the default");
    }

    @Test
    void inputAfterCloseIsDropped() {
        WsWire.Result r = WsWire.feedEverywhere(SERVER, DecoderHarness.concat(frame(0x88, new byte[0], true),
                frame(0x81, utf8("late"), true)));
        assertEquals(List.of("CLOSE fin rsv0 "), r.frames());
    }

    static Stream<Arguments> violations() {
        byte[] tooLong64 = {(byte) 0x82, 0x7F, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
        byte[] nonMinimal16 = {(byte) 0x82, 0x7E, 0, 5};
        byte[] nonMinimal64 = {(byte) 0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0, 5};
        byte[] overLimitHeader = {(byte) 0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 1}; // header only
        return Stream.of(
                Arguments.of("unmasked client frame", SERVER, frame(0x81, utf8("x"), false), 1002),
                Arguments.of("masked server frame", CLIENT, frame(0x81, utf8("x"), true), 1002),
                Arguments.of("reserved data opcode", SERVER, frame(0x83, utf8("x"), true), 1002),
                Arguments.of("reserved control opcode", SERVER, frame(0x8B, utf8("x"), true), 1002),
                Arguments.of("RSV1 without extension", SERVER, frame(0xC1, utf8("x"), true), 1002),
                Arguments.of("RSV3 without extension", SERVER, frame(0x92, utf8("x"), true), 1002),
                Arguments.of("fragmented ping", SERVER, frame(0x09, utf8("x"), true), 1002),
                Arguments.of("126-byte ping", SERVER, frame(0x89, new byte[126], true), 1002),
                Arguments.of("length top bit", CLIENT, tooLong64, 1002),
                Arguments.of("non-minimal 16-bit length", CLIENT, nonMinimal16, 1002),
                Arguments.of("non-minimal 64-bit length", CLIENT, nonMinimal64, 1002),
                Arguments.of("frame over limit, header only", CLIENT, overLimitHeader, 1009),
                Arguments.of("frame over limit", SERVER, frame(0x82, new byte[65537], true), 1009),
                Arguments.of("continuation first", SERVER, frame(0x80, utf8("x"), true), 1002),
                Arguments.of("new message inside a fragmented one", SERVER,
                        DecoderHarness.concat(frame(0x01, utf8("a"), true), frame(0x81, utf8("b"), true)), 1002),
                Arguments.of("1-byte close", SERVER, frame(0x88, new byte[] {3}, true), 1002),
                Arguments.of("close code 1005", SERVER, frame(0x88, close(1005, ""), true), 1002),
                Arguments.of("close code 999", SERVER, frame(0x88, close(999, ""), true), 1002),
                Arguments.of("close code 2000", SERVER, frame(0x88, close(2000, ""), true), 1002),
                Arguments.of("close reason not UTF-8", SERVER,
                        frame(0x88, new byte[] {3, (byte) 0xE8, (byte) 0xC0, (byte) 0x80}, true), 1007),
                Arguments.of("overlong text", SERVER, frame(0x81, new byte[] {(byte) 0xC0, (byte) 0xAF}, true), 1007),
                Arguments.of("surrogate text", SERVER,
                        frame(0x81, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, true), 1007),
                Arguments.of("text past U+10FFFF", SERVER,
                        frame(0x81, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, true), 1007),
                Arguments.of("text cut at the last fragment", SERVER,
                        DecoderHarness.concat(frame(0x01, new byte[] {'a', (byte) 0xE2}, true),
                                frame(0x80, new byte[] {(byte) 0x82}, true)), 1007),
                Arguments.of("bad byte in a later fragment", SERVER,
                        DecoderHarness.concat(frame(0x01, new byte[] {'a', (byte) 0xE2}, true),
                                frame(0x00, new byte[] {(byte) 0x82, 'b'}, true)), 1007));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void badInputClosesWithTheStatusRfc6455Names(String what, Supplier<WebSocketFrameDecoder> decoder, byte[] input,
            int code) {
        WsWire.Result r = WsWire.feedEverywhere(decoder, input);
        assertEquals(List.of(code), r.closeCodesSent(), what);
        assertEquals(1, r.exceptions().size(), what);
        WebSocketProtocolException e = assertInstanceOf(WebSocketProtocolException.class, r.exceptions().get(0));
        assertEquals(code, e.closeStatus().code());
        assertTrue(e.getMessage().contains("(expected: "), e.getMessage());
        assertFalse(r.open(), what + ": the channel stays open");
    }

    @Test
    void goodTextSplitAcrossFragmentsMidCharacter() {
        byte[] euro = utf8("€"); // E2 82 AC
        byte[] input = DecoderHarness.concat(frame(0x01, Arrays.copyOf(euro, 1), true),
                frame(0x00, Arrays.copyOfRange(euro, 1, 2), true), frame(0x80, Arrays.copyOfRange(euro, 2, 3), true));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input);
        assertEquals(3, r.frames().size());
        assertTrue(r.exceptions().isEmpty());
    }
}
