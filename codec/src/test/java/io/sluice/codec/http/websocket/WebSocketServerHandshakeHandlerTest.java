package io.sluice.codec.http.websocket;

import static io.sluice.codec.http.websocket.WsWire.frame;
import static io.sluice.codec.http.websocket.WsWire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpStatus;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebSocketServerHandshakeHandlerTest {
    /** The sample key of RFC 6455, section 1.3, and the accept value it gives. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** Records what the application sees: frames, other messages, events. */
    static final class App implements ChannelHandler {
        final List<String> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame f) {
                seen.add(WsWire.describe(f));
            } else if (msg instanceof FullHttpRequest r) {
                seen.add("http " + r.path());
                r.release();
                ctx.writeAndFlush(FullHttpResponse.ofText(HttpStatus.NOT_FOUND, "no\n"));
            } else {
                seen.add("other " + msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted c) {
                seen.add("upgraded " + c.path() + " " + c.subprotocol());
            }
        }
    }

    private static EmbeddedChannel server(App app, WebSocketServerHandshakeHandler handshake) {
        return new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(),
                new HttpServerKeepAliveHandler(), new HttpObjectAggregator(), handshake, app);
    }

    private static WebSocketServerHandshakeHandler handshake() {
        return WebSocketServerHandshakeHandler.builder("/ws").subprotocols("chat", "superchat")
                .originCheck(origin -> origin == null || origin.equals("http://good.example"))
                .closeTimeoutMillis(3000).build();
    }

    private static String upgrade(String extraHeaders) {
        return "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + KEY + "\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void upgradesThenFramesFlowEvenInTheSameReadAsTheRequest() {
        byte[] request = DecoderHarness.concat(
                upgrade("Sec-WebSocket-Protocol: other, superchat, chat\r\n").getBytes(StandardCharsets.ISO_8859_1),
                frame(0x81, utf8("hello"), true));
        List<int[]> splits = List.of(DecoderHarness.whole(request.length), DecoderHarness.byteByByte(request.length),
                DecoderHarness.randomSplits(request.length, new Random(3), 40));
        for (int[] split : splits) {
            App app = new App();
            EmbeddedChannel ch = server(app, handshake());
            feed(ch, request, split);
            String response = WsWire.written(ch);
            assertTrue(response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), response);
            assertTrue(response.toLowerCase().contains("sec-websocket-accept: " + ACCEPT.toLowerCase()), response);
            assertTrue(response.toLowerCase().contains("sec-websocket-protocol: superchat\r\n"), response);
            assertFalse(response.toLowerCase().contains("content-length"), response);
            assertEquals(List.of("upgraded /ws superchat", "TEXT fin rsv0 " + DecoderHarness.hex(utf8("hello"))),
                    app.seen, "split into " + split.length);
            assertEquals(List.of("ws-encoder", "ws-decoder", "ws-aggregator", "ws-control"),
                    ch.pipeline().names().subList(0, 4));
            assertTrue(ch.pipeline().names().stream().noneMatch(n -> ch.pipeline().get(n) instanceof HttpRequestDecoder));
            assertTrue(ch.isOpen());
            assertFalse(ch.finishAndReleaseAll());
        }
    }

    private static void feed(EmbeddedChannel ch, byte[] input, int[] split) {
        Random rnd = new Random(1);
        int at = 0;
        for (int size : split) {
            ch.writeInbound(DecoderHarness.chunk(input, at, size, DecoderHarness.ChunkKind.HEAP, rnd));
            at += size;
        }
    }

    private static EmbeddedChannel upgraded(App app) {
        EmbeddedChannel ch = server(app, handshake());
        ch.writeInbound(Buffers.copyOf(upgrade(""), StandardCharsets.ISO_8859_1));
        assertTrue(WsWire.written(ch).startsWith("HTTP/1.1 101 "));
        return ch;
    }

    @Test
    void pingIsAnsweredWithPongAndNotPassedOn() {
        App app = new App();
        EmbeddedChannel ch = upgraded(app);
        ch.writeInbound(Buffers.wrap(frame(0x89, utf8("are you there"), true)));
        String out = WsWire.written(ch);
        assertEquals(new String(frame(0x8A, utf8("are you there"), false), StandardCharsets.ISO_8859_1), out);
        assertEquals(List.of("upgraded /ws null"), app.seen);
        ch.writeInbound(Buffers.wrap(frame(0x8A, utf8("unsolicited"), true)));
        assertEquals(List.of("upgraded /ws null"), app.seen);
        ch.finishAndReleaseAll();
    }

    @Test
    void peerCloseIsEchoedThenTheConnectionCloses() {
        App app = new App();
        EmbeddedChannel ch = upgraded(app);
        ch.writeInbound(Buffers.wrap(frame(0x88, WsWire.close(1001, "leaving"), true)));
        assertEquals(new String(frame(0x88, WsWire.close(1001, "leaving"), false), StandardCharsets.ISO_8859_1), WsWire.written(ch));
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void ourCloseWaitsForThePeersThenClosesOrTimesOut() {
        App app = new App();
        EmbeddedChannel answered = upgraded(app);
        answered.writeOutbound(WebSocketFrame.close(WebSocketCloseStatus.GOING_AWAY));
        assertEquals(new String(frame(0x88, WsWire.close(1001, ""), false), StandardCharsets.ISO_8859_1),
                WsWire.written(answered));
        assertTrue(answered.isOpen());
        answered.writeInbound(Buffers.wrap(frame(0x88, WsWire.close(1001, ""), true)));
        assertFalse(answered.isOpen(), "the peer's close ends it");
        assertEquals("", WsWire.written(answered), "no second close frame");
        answered.finishAndReleaseAll();

        EmbeddedChannel silent = upgraded(new App());
        silent.writeOutbound(WebSocketFrame.close(WebSocketCloseStatus.NORMAL));
        WsWire.written(silent);
        silent.advanceTimeBy(2999, TimeUnit.MILLISECONDS);
        assertTrue(silent.isOpen());
        WebSocketFrame late = WebSocketFrame.text("late");
        assertFalse(silent.writeOneOutbound(late).isSuccess(), "nothing after close");
        assertEquals(0, late.refCnt());
        silent.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertFalse(silent.isOpen(), "closed after the close timeout");
        silent.finishAndReleaseAll();
    }

    @Test
    void protocolViolationAfterUpgradeClosesWith1002() {
        EmbeddedChannel ch = upgraded(new App());
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> ch.writeInbound(Buffers.wrap(frame(0x81, utf8("unmasked"), false))));
        assertEquals(1002, e.closeStatus().code());
        assertEquals(new String(frame(0x88, WsWire.close(1002, ""), false), StandardCharsets.ISO_8859_1), WsWire.written(ch));
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    private static String refused(String request) {
        App app = new App();
        EmbeddedChannel ch = server(app, handshake());
        ch.writeInbound(Buffers.copyOf(request, StandardCharsets.ISO_8859_1));
        String out = WsWire.written(ch);
        assertFalse(ch.isOpen(), "closed after " + out);
        assertTrue(app.seen.isEmpty(), app.seen.toString());
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void badUpgradesAreRefused() {
        assertTrue(refused("GET /ws HTTP/1.1\r\nHost: h\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(refused(upgrade("").replace("Upgrade: websocket", "Upgrade: h2c")).startsWith("HTTP/1.1 400 "));
        assertTrue(refused(upgrade("").replace("keep-alive, Upgrade", "keep-alive")).startsWith("HTTP/1.1 400 "));
        assertTrue(refused(upgrade("").replace(KEY, "short")).startsWith("HTTP/1.1 400 "));
        assertTrue(refused(upgrade("").replace("GET", "POST")).startsWith("HTTP/1.1 400 "));
        String wrongVersion = refused(upgrade("").replace("Version: 13", "Version: 8"));
        assertTrue(wrongVersion.startsWith("HTTP/1.1 426 "), wrongVersion);
        assertTrue(wrongVersion.toLowerCase().contains("sec-websocket-version: 13\r\n"), wrongVersion);
        assertTrue(wrongVersion.contains("(expected: 13)"), wrongVersion);
        assertTrue(refused(upgrade("Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403 "));
    }

    @Test
    void otherPathsPassOnAndAllowedOriginUpgrades() {
        App app = new App();
        EmbeddedChannel ch = server(app, handshake());
        ch.writeInbound(Buffers.copyOf("GET / HTTP/1.1\r\nHost: h\r\n\r\n", StandardCharsets.ISO_8859_1));
        assertEquals(List.of("http /"), app.seen);
        assertTrue(WsWire.written(ch).startsWith("HTTP/1.1 404 "));
        ch.writeInbound(Buffers.copyOf(upgrade("Origin: http://good.example\r\n"), StandardCharsets.ISO_8859_1));
        assertTrue(WsWire.written(ch).startsWith("HTTP/1.1 101 "));
        assertEquals(List.of("http /", "upgraded /ws null"), app.seen);
        ch.finishAndReleaseAll();
    }

    @Test
    void acceptKeyMatchesTheRfcExample() {
        assertEquals(ACCEPT, WebSocketHandshake.accept(KEY));
        assertTrue(WebSocketHandshake.isValidKey(KEY));
        assertFalse(WebSocketHandshake.isValidKey("AAAA"));
        assertFalse(WebSocketHandshake.isValidKey(null));
    }
}
