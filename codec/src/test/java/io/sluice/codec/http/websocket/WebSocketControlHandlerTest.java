package io.sluice.codec.http.websocket;

import static io.sluice.codec.http.websocket.WsWire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the application learns when the connection closes: the {@link WebSocketClosed} event, for each way of closing. */
@Timeout(10)
class WebSocketControlHandlerTest {
    private final WsEvents app = new WsEvents();

    private EmbeddedChannel server() {
        return new EmbeddedChannel(WebSocketFrameEncoder.forServer(),
                WebSocketFrameDecoder.forServer(WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD),
                WebSocketControlHandler.create(3000), app);
    }

    private static void feed(EmbeddedChannel ch, byte[] input, boolean byteByByte) {
        int at = 0;
        for (int size : byteByByte ? DecoderHarness.byteByByte(input.length) : DecoderHarness.whole(input.length)) {
            ch.writeInbound(Buffers.copyOf(input, at, size));
            at += size;
        }
    }

    private static String wire(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void thePeersCloseIsEchoedWithItsReasonAndReportedClean(boolean byteByByte) {
        EmbeddedChannel ch = server();
        feed(ch, frame(0x88, WsWire.close(4001, "bye now"), true), byteByByte);
        assertEquals(wire(frame(0x88, WsWire.close(4001, "bye now"), false)), WsWire.written(ch));
        assertFalse(ch.isOpen());
        assertEquals(List.of(new WebSocketClosed(4001, "bye now", true), WsEvents.INACTIVE), app.seen);
        ch.finishAndReleaseAll();
    }

    @Test
    void aCloseWithoutStatusIsReportedAs1005() {
        EmbeddedChannel ch = server();
        feed(ch, frame(0x88, new byte[0], true), false);
        assertEquals(wire(frame(0x88, new byte[0], false)), WsWire.written(ch));
        assertEquals(List.of(new WebSocketClosed(WebSocketClosed.NO_STATUS_RECEIVED, "", true), WsEvents.INACTIVE), app.seen);
        ch.finishAndReleaseAll();
    }

    @Test
    void ourCloseAnsweredReportsThePeersCodeAndReason() {
        EmbeddedChannel ch = server();
        ch.writeOutbound(WebSocketFrame.close(WebSocketCloseStatus.NORMAL.withReason("done")));
        WsWire.written(ch);
        assertTrue(ch.isOpen());
        assertTrue(app.seen.isEmpty());
        feed(ch, frame(0x88, WsWire.close(1000, "ok"), true), true);
        assertFalse(ch.isOpen());
        assertEquals("", WsWire.written(ch), "no second close frame");
        assertEquals(List.of(new WebSocketClosed(1000, "ok", true), WsEvents.INACTIVE), app.seen);
        ch.finishAndReleaseAll();
    }

    @Test
    void ourCloseUnansweredTimesOutAndReports1006() {
        EmbeddedChannel ch = server();
        ch.writeOutbound(WebSocketFrame.close(WebSocketCloseStatus.GOING_AWAY));
        WsWire.written(ch);
        ch.advanceTimeBy(3000, TimeUnit.MILLISECONDS);
        assertFalse(ch.isOpen());
        assertEquals(List.of(new WebSocketClosed(WebSocketClosed.ABNORMAL_CLOSURE, "", false), WsEvents.INACTIVE), app.seen);
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionDroppedWithoutCloseFramesReports1006Once() {
        EmbeddedChannel ch = server();
        ch.close();
        ch.runPendingTasks();
        assertEquals(List.of(new WebSocketClosed(WebSocketClosed.ABNORMAL_CLOSURE, "", false), WsEvents.INACTIVE), app.seen);
                ch.finishAndReleaseAll();
    }
}
