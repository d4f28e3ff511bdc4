package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.http.HttpClientCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebSocketClientHandshakeHandlerTest {
    private static EmbeddedChannel client(WebSocketServerHandshakeHandlerTest.App app) {
        EmbeddedChannel ch = new EmbeddedChannel();
        HttpClientCodec.addTo(ch.pipeline());
        ch.pipeline().addLast(WebSocketClientHandshakeHandler.create("example.org", "/chat", "v2", "v1"));
        ch.pipeline().addLast(app);
        return ch;
    }

    private static String keyOf(String request) {
        Matcher m = Pattern.compile("(?i)sec-websocket-key: ([^\r]+)\r\n").matcher(request);
        assertTrue(m.find(), request);
        return m.group(1);
    }

    private static String answer(String accept, String extra) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n" + extra + "\r\n";
    }

    @Test
    void sendsAFreshKeyChecksTheAcceptThenSpeaksMaskedFrames() {
        WebSocketServerHandshakeHandlerTest.App app = new WebSocketServerHandshakeHandlerTest.App();
        EmbeddedChannel ch = client(app);
        String request = WsWire.written(ch);
        assertTrue(request.startsWith("GET /chat HTTP/1.1\r\n"), request);
        assertTrue(request.toLowerCase().contains("sec-websocket-version: 13\r\n"), request);
        assertTrue(request.toLowerCase().contains("sec-websocket-protocol: v2, v1\r\n"), request);
        String key = keyOf(request);
        assertTrue(WebSocketHandshake.isValidKey(key), key);
        byte[] response = DecoderHarness.concat(
                answer(WebSocketHandshake.accept(key), "Sec-WebSocket-Protocol: v1\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                WsWire.frame(0x81, WsWire.utf8("hi"), false)); // a frame in the same read as the 101
        ch.writeInbound(Buffers.wrap(response));
        assertEquals(List.of("upgraded /chat v1", "TEXT fin rsv0 6869"), app.seen);
        ch.writeOutbound(WebSocketFrame.text("back"));
        Buffer wire = ch.readOutbound();
        assertEquals(0x81, wire.getUnsignedByte(0));
        assertEquals(0x80 | 4, wire.getUnsignedByte(1), "masked");
        EmbeddedChannel server = new EmbeddedChannel(WebSocketFrameEncoder.forServer(),
                WebSocketFrameDecoder.forServer(1024));
        server.writeInbound(wire);
        assertEquals("TEXT fin rsv0 " + DecoderHarness.hex(WsWire.utf8("back")), WsWire.describe(server.readInbound()));
        assertFalse(server.finishAndReleaseAll());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void wrongAcceptOrStatusOrSubprotocolFailsAndCloses() {
        for (String bad : List.of("wrong", "status", "subprotocol")) {
            EmbeddedChannel ch = client(new WebSocketServerHandshakeHandlerTest.App());
            String accept = WebSocketHandshake.accept(keyOf(WsWire.written(ch)));
            String response = switch (bad) {
                case "wrong" -> answer(WebSocketHandshake.accept("AAAAAAAAAAAAAAAAAAAAAA=="), "");
                case "status" -> "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
                default -> answer(accept, "Sec-WebSocket-Protocol: v9\r\n");
            };
            WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                    () -> ch.writeInbound(Buffers.copyOf(response, StandardCharsets.ISO_8859_1)));
            assertTrue(e.getMessage().startsWith("handshake ") && e.getMessage().contains("(expected: "),
                    e.getMessage());
            assertFalse(ch.isOpen(), bad);
            ch.finishAndReleaseAll();
        }
    }
}
