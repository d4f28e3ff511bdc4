package io.sluice.codec.http.websocket;

import static io.sluice.codec.http.websocket.WsWire.frame;
import static io.sluice.codec.http.websocket.WsWire.utf8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keep-alive pings on the manual clock: when they go out, what counts as an answer, what a silent peer gets. */
@Timeout(10)
class WebSocketKeepAliveHandlerTest {
    private static final String PING = wire(frame(0x89, new byte[0], false));
    private final WsEvents app = new WsEvents();

    /** An upgraded server pipeline (as the handshake leaves it) with keep-alive pings after 30 s, 10 s to answer. */
    private EmbeddedChannel server() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("ws-encoder", WebSocketFrameEncoder.forServer())
                .addLast("ws-decoder", WebSocketFrameDecoder.forServer(WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD))
                .addLast("ws-aggregator", new WebSocketMessageAggregator())
                .addLast("ws-control", WebSocketControlHandler.create(3000))
                .addLast("app", app);
        WebSocketKeepAliveHandler.addTo(ch.pipeline(), 30, 10, SECONDS);
        assertEquals(List.of("ws-encoder", WebSocketKeepAliveHandler.NAME, "ws-decoder"),
                ch.pipeline().names().subList(0, 3));
        return ch;
    }

    private static String wire(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void feed(EmbeddedChannel ch, byte[] input, boolean byteByByte) {
        int at = 0;
        for (int size : byteByByte ? DecoderHarness.byteByByte(input.length) : DecoderHarness.whole(input.length)) {
            ch.writeInbound(Buffers.copyOf(input, at, size));
            at += size;
        }
    }

    @Test
    void pingsOnlyAfterTheIdleTime() {
        EmbeddedChannel ch = server();
        ch.advanceTimeBy(29_999, MILLISECONDS);
        assertEquals("", WsWire.written(ch));
        ch.advanceTimeBy(1, MILLISECONDS);
        assertEquals(PING, WsWire.written(ch));
        assertTrue(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    /** The pong, or any other frame, whole or one byte per read, is an answer: no close, and the next ping a period later. */
    @ParameterizedTest
    @ValueSource(strings = {"pong whole", "pong byte-by-byte", "text whole", "text byte-by-byte"})
    void anyFrameAnswersThePing(String how) {
        EmbeddedChannel ch = server();
        ch.advanceTimeBy(30, SECONDS);
        assertEquals(PING, WsWire.written(ch));
        ch.advanceTimeBy(9, SECONDS);
        byte[] answer = how.startsWith("pong") ? frame(0x8A, new byte[0], true) : frame(0x81, utf8("still here"), true);
        feed(ch, answer, how.endsWith("byte-by-byte"));
        ch.advanceTimeBy(1, SECONDS);
        assertTrue(ch.isOpen(), how);
        assertEquals("", WsWire.written(ch), "no close frame, " + how);
        ch.advanceTimeBy(29, SECONDS); // 30 s after the answer
        assertEquals(PING, WsWire.written(ch), how);
        assertTrue(app.seen.isEmpty(), app.seen.toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void trafficPostponesThePing() {
        EmbeddedChannel ch = server();
        ch.advanceTimeBy(20, SECONDS);
        feed(ch, frame(0x82, new byte[] {1, 2, 3}, true), false);
        ch.advanceTimeBy(29, SECONDS);
        assertEquals("", WsWire.written(ch));
        ch.advanceTimeBy(1, SECONDS);
        assertEquals(PING, WsWire.written(ch));
        ch.finishAndReleaseAll();
    }

    @Test
    void aSilentPeerGetsA1001CloseFrameAndTheConnectionClosesAt1006() {
        EmbeddedChannel ch = server();
        ch.advanceTimeBy(30, SECONDS);
        assertEquals(PING, WsWire.written(ch));
        ch.advanceTimeBy(9_999, MILLISECONDS);
        assertTrue(ch.isOpen(), "the timeout counts from the ping");
        assertEquals("", WsWire.written(ch), "one ping per silent stretch");
        ch.advanceTimeBy(1, MILLISECONDS);
        assertEquals(wire(frame(0x88, WsWire.close(1001, "keep-alive timeout"), false)), WsWire.written(ch));
        assertFalse(ch.isOpen(), "closed at once, without waiting for a closing handshake");
        assertEquals(List.of(new WebSocketClosed(WebSocketClosed.ABNORMAL_CLOSURE, "", false), WsEvents.INACTIVE), app.seen);
                assertEquals(-1, ch.nextScheduledTaskDelayNanos(), "nothing left scheduled");
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientsPingIsMasked() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("ws-encoder", WebSocketFrameEncoder.forClient())
                .addLast("ws-decoder", WebSocketFrameDecoder.forClient(WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD))
                .addLast("ws-control", WebSocketControlHandler.create(3000));
        WebSocketKeepAliveHandler.addTo(ch.pipeline(), 5, 2, SECONDS);
        ch.advanceTimeBy(5, SECONDS);
        String ping = WsWire.written(ch);
        assertEquals(6, ping.length(), "opcode, masked length 0, a 4-byte key");
        assertEquals(0x89, ping.charAt(0));
        assertEquals(0x80, ping.charAt(1));
        feed(ch, frame(0x8A, new byte[0], false), true); // the server's pong, unmasked
        ch.advanceTimeBy(2, SECONDS);
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void closingOrRemovingDropsThePendingTimeout() {
        EmbeddedChannel closed = server();
        closed.advanceTimeBy(30, SECONDS);
        WsWire.written(closed);
        closed.close();
        closed.runPendingTasks();
        assertEquals(-1, closed.nextScheduledTaskDelayNanos());
        closed.finishAndReleaseAll();

        EmbeddedChannel removed = server();
        removed.advanceTimeBy(30, SECONDS);
        WsWire.written(removed);
        removed.pipeline().remove(WebSocketKeepAliveHandler.NAME);
        assertEquals(-1, removed.nextScheduledTaskDelayNanos());
        removed.advanceTimeBy(60, SECONDS);
        assertTrue(removed.isOpen());
        assertEquals("", WsWire.written(removed));
        removed.finishAndReleaseAll();
    }

    @Test
    void badSettingsAreRefusedWithTheRule() {
        assertEquals("idle: 0 SECONDS (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> WebSocketKeepAliveHandler.create(0, 1, SECONDS)).getMessage());
        assertEquals("timeout: -1 SECONDS (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> WebSocketKeepAliveHandler.create(1, -1, SECONDS)).getMessage());
        EmbeddedChannel plain = new EmbeddedChannel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketKeepAliveHandler.addTo(plain.pipeline(), 30, 10, SECONDS));
        assertTrue(e.getMessage().endsWith("(expected: an upgraded WebSocket pipeline with a ws-encoder)"),
                e.getMessage());
        WebSocketKeepAliveHandler h = WebSocketKeepAliveHandler.create(30, 10, SECONDS);
        assertEquals(30, h.readerIdleTime(SECONDS));
        assertEquals(10_000, h.timeout(MILLISECONDS));
        assertFalse(plain.finish());
    }
}
