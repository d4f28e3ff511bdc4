package io.sluice.codec.http.websocket;

import static io.sluice.codec.http.websocket.WsWire.frame;
import static io.sluice.codec.http.websocket.WsWire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.ChannelHandler;
import io.sluice.codec.DecoderHarness;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WebSocketMessageAggregatorTest {
    private static final Supplier<WebSocketFrameDecoder> SERVER = () -> WebSocketFrameDecoder.forServer(1024);

    private static Supplier<ChannelHandler[]> aggregator(int max) {
        return () -> new ChannelHandler[] {new WebSocketMessageAggregator(max)};
    }

    @Test
    void joinsFragmentsAndPassesControlFramesBetweenThem() {
        byte[] input = DecoderHarness.concat(
                frame(0x01, utf8("he"), true),
                frame(0x89, utf8("p"), true),
                frame(0x00, utf8("ll"), true),
                frame(0x80, utf8("o"), true),
                frame(0x82, new byte[] {7}, true));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 5, aggregator(100));
        assertEquals(List.of("PING fin rsv0 70", "TEXT fin rsv0 " + DecoderHarness.hex(utf8("hello")),
                "BINARY fin rsv0 07"), r.frames());
        assertTrue(r.exceptions().isEmpty());
    }

    @Test
    void messagePastTheLimitClosesWith1009() {
        byte[] input = DecoderHarness.concat(
                frame(0x02, new byte[600], true),
                frame(0x00, new byte[600], true), // 1200 > 1000: refused here
                frame(0x80, new byte[10], true));
        WsWire.Result r = WsWire.feedEverywhere(SERVER, input, 5, aggregator(1000));
        assertEquals(List.of(), r.frames());
        assertEquals(List.of(1009), r.closeCodesSent());
        WebSocketProtocolException e = assertInstanceOf(WebSocketProtocolException.class, r.exceptions().get(0));
        assertEquals(1009, e.closeStatus().code());
        assertFalse(r.open());
    }

    @Test
    void wholeFrameOverTheLimitIsRefusedToo() {
        WsWire.Result r = WsWire.feedEverywhere(SERVER, frame(0x82, new byte[101], true), 5, aggregator(100));
        assertEquals(List.of(1009), r.closeCodesSent());
    }
}
