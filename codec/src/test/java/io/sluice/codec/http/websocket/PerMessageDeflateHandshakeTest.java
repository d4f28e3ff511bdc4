package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.http.HttpClientCodec;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** permessage-deflate agreed (or not) in the opening handshake of each side, then used. */
class PerMessageDeflateHandshakeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String HELLO = "TEXT fin rsv0 48656c6c6f";
    private static final byte[] COMPRESSED_HELLO = HEX.parseHex("f248cdc9c90700");
    private static final PerMessageDeflateOptions ALL = PerMessageDeflateOptions.defaults().withMinMessageBytes(0);

    private static EmbeddedChannel server(WebSocketServerHandshakeHandlerTest.App app, PerMessageDeflateOptions deflate) {
        return new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(), new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(), WebSocketServerHandshakeHandler.builder("/ws").perMessageDeflate(deflate)
                        .build(), app);
    }

    private static String upgrade(String extensions) {
        return "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
    }

    /** The 101 (or refusal) the server wrote, lower-cased. */
    private static String answer(EmbeddedChannel ch, String extensions) {
        ch.writeInbound(Buffers.copyOf(upgrade(extensions), StandardCharsets.ISO_8859_1));
        return WsWire.written(ch).toLowerCase(Locale.ROOT);
    }

    @Test
    void serverAgreesToAnOfferThenInflatesAndDeflates() {
        WebSocketServerHandshakeHandlerTest.App app = new WebSocketServerHandshakeHandlerTest.App();
        EmbeddedChannel ch = server(app, ALL);
        String head = answer(ch, "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_max_window_bits");
        assertTrue(head.startsWith("http/1.1 101 ") && head.contains("sec-websocket-extensions: permessage-deflate\r\n"),
                head);
        assertNotNull(ch.pipeline().get("ws-deflater"));
        assertNotNull(ch.pipeline().get("ws-inflater"));
        ch.writeInbound(Buffers.wrap(WsWire.frame(0xC1, COMPRESSED_HELLO, true)));
        assertEquals(List.of("upgraded /ws null", HELLO), app.seen);
        ch.writeOutbound(WebSocketFrame.text("Hello"));
        assertEquals("c107f248cdc9c90700", HEX.formatHex(WsWire.written(ch).getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void serverDeclinesWhatItCannotHonourAndThenRsv1IsAProtocolError() {
        WebSocketServerHandshakeHandlerTest.App app = new WebSocketServerHandshakeHandlerTest.App();
        EmbeddedChannel ch = server(app, ALL);
        String head = answer(ch, "permessage-deflate; server_max_window_bits=9");
        assertTrue(head.startsWith("http/1.1 101 ") && !head.contains("sec-websocket-extensions"), head);
        assertNull(ch.pipeline().get("ws-inflater"));
        assertThrows(WebSocketProtocolException.class,
                () -> ch.writeInbound(Buffers.wrap(WsWire.frame(0xC1, COMPRESSED_HELLO, true))));
        assertTrue(WsWire.written(ch).startsWith("\u0088\u0002\u0003\u00ea"), "close 1002 sent");
        ch.finishAndReleaseAll();
    }

    @Test
    void serverWithoutDeflateIgnoresOffersEvenMalformedOnes() {
        EmbeddedChannel ch = server(new WebSocketServerHandshakeHandlerTest.App(), null);
        String head = answer(ch, "permessage-deflate;;");
        assertTrue(head.startsWith("http/1.1 101 ") && !head.contains("sec-websocket-extensions"), head);
        ch.finishAndReleaseAll();
    }

    @Test
    void aMalformedExtensionsHeaderIsABadRequest() {
        EmbeddedChannel ch = server(new WebSocketServerHandshakeHandlerTest.App(), ALL);
        String head = answer(ch, "permessage-deflate; server_max_window_bits=\"1 0\"");
        assertTrue(head.startsWith("http/1.1 400 ") && head.contains("connection: close"), head);
        assertTrue(head.contains("sec-websocket-extensions: ") && head.contains("(expected: "), head);
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    // ---- client ----------------------------------------------------------------------------------

    private static EmbeddedChannel client(WebSocketServerHandshakeHandlerTest.App app, PerMessageDeflateOptions deflate) {
        EmbeddedChannel ch = new EmbeddedChannel();
        HttpClientCodec.addTo(ch.pipeline());
        ch.pipeline().addLast(WebSocketClientHandshakeHandler.builder("example.org", "/chat").perMessageDeflate(deflate)
                .build());
        ch.pipeline().addLast(app);
        return ch;
    }

    /** Answers the client's request with 101 and {@code extensions}; returns the request sent. */
    private static String answerClient(EmbeddedChannel ch, String extensions) {
        String request = WsWire.written(ch);
        Matcher m = Pattern.compile("(?i)sec-websocket-key: ([^\r]+)\r\n").matcher(request);
        assertTrue(m.find(), request);
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketHandshake.accept(m.group(1)) + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        ch.writeInbound(Buffers.copyOf(response, StandardCharsets.ISO_8859_1));
        return request.toLowerCase(Locale.ROOT);
    }

    @Test
    void clientOffersThenCompressesBothWaysWhenTheServerAgrees() {
        WebSocketServerHandshakeHandlerTest.App app = new WebSocketServerHandshakeHandlerTest.App();
        EmbeddedChannel ch = client(app, ALL.withClientNoContextTakeover(true));
        String request = answerClient(ch, "permessage-deflate; server_max_window_bits=12");
        assertTrue(request.contains("sec-websocket-extensions: permessage-deflate; client_no_context_takeover\r\n"),
                request);
        ch.writeInbound(Buffers.wrap(WsWire.frame(0xC1, COMPRESSED_HELLO, false)));
        assertEquals(List.of("upgraded /chat null", HELLO), app.seen);
        for (int i = 0; i < 2; i++) { // no context takeover: the same bytes each time
            ch.writeOutbound(WebSocketFrame.text("Hello"));
            Buffer wire = ch.readOutbound();
            EmbeddedChannel server = new EmbeddedChannel(WebSocketFrameEncoder.forServer(),
                    WebSocketFrameDecoder.create(true, 1024, 4));
            server.writeInbound(wire);
            WebSocketFrame f = server.readInbound();
            assertEquals(0xC1, 0x80 | f.rsv() << 4 | f.opcode().code());
            assertEquals(HEX.formatHex(COMPRESSED_HELLO), HEX.formatHex(Buffers.toByteArray(f.content())));
            f.release();
            assertFalse(server.finishAndReleaseAll());
        }
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void clientRunsUncompressedWhenTheServerDeclines() {
        EmbeddedChannel ch = client(new WebSocketServerHandshakeHandlerTest.App(), ALL);
        answerClient(ch, null);
        assertNull(ch.pipeline().get("ws-deflater"));
        ch.writeOutbound(WebSocketFrame.text("Hello"));
        assertEquals(0x81, WsWire.written(ch).charAt(0));
        assertThrows(WebSocketProtocolException.class,
                () -> ch.writeInbound(Buffers.wrap(WsWire.frame(0xC1, COMPRESSED_HELLO, false))));
        ch.finishAndReleaseAll();
    }

    @Test
    void clientFailsTheHandshakeOnAnAnswerItDidNotOffer() {
        List<String[]> cases = List.of(
                new String[] {"deflate", "permessage-deflate; client_max_window_bits=10"},
                new String[] {"deflate", "permessage-deflate; server_max_window_bits=20"},
                new String[] {"deflate", "permessage-deflate; mystery"},
                new String[] {"deflate", "x-other"},
                new String[] {"deflate", "permessage-deflate;"},
                new String[] {"none", "permessage-deflate"});
        for (String[] c : cases) {
            EmbeddedChannel ch = client(new WebSocketServerHandshakeHandlerTest.App(), c[0].equals("none") ? null : ALL);
            WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> answerClient(ch, c[1]),
                    c[1]);
            assertTrue(e.getMessage().startsWith("handshake Sec-WebSocket-Extensions") && e.getMessage().contains(
                    "(expected: "), e.getMessage());
            assertFalse(ch.isOpen(), c[1]);
            ch.finishAndReleaseAll();
        }
    }
}
