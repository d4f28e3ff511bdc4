package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.EncoderException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebSocketFrameEncoderTest {
    private static byte[] encode(WebSocketFrameEncoder encoder, WebSocketFrame frame) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ch.writeOutbound(frame);
        Buffer out = ch.readOutbound();
        try {
            return Buffers.toByteArray(out);
        } finally {
            out.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void serverFramesAreUnmaskedInTheShortestLengthForm() {
        for (int n : new int[] {0, 1, 125, 126, 65535, 65536, 70000}) {
            byte[] payload = DecoderHarness.body(n, n);
            byte[] wire = encode(WebSocketFrameEncoder.forServer(), WebSocketFrame.binary(Buffers.wrap(payload)));
            assertArrayEquals(WsWire.frame(0x82, payload, false), wire, "length " + n);
        }
    }

    @Test
    void fragmentsAndRsvBitsAreKept() {
        byte[] wire = encode(WebSocketFrameEncoder.forServer(),
                new WebSocketFrame(WebSocketOpcode.TEXT, false, 4, Buffers.wrap(WsWire.utf8("a"))));
        assertEquals(0x41, wire[0] & 0xFF);
        WebSocketFrame close = WebSocketFrame.close(WebSocketCloseStatus.NORMAL.withReason("done"));
        assertArrayEquals(WsWire.frame(0x88, WsWire.close(1000, "done"), false),
                encode(WebSocketFrameEncoder.forServer(), close));
    }

    @Test
    void clientFramesAreMaskedWithFreshKeysAndDecodeBack() {
        byte[] payload = DecoderHarness.body(300, 9);
        byte[] a = encode(WebSocketFrameEncoder.forClient(), WebSocketFrame.binary(Buffers.wrap(payload)));
        byte[] b = encode(WebSocketFrameEncoder.forClient(), WebSocketFrame.binary(Buffers.wrap(payload)));
        assertEquals(0x80 | 126, a[1] & 0xFF);
        assertNotEquals(List.of(a[4], a[5], a[6], a[7]), List.of(b[4], b[5], b[6], b[7]), "a fresh key per frame");
        WsWire.Result r = WsWire.feedEverywhere(() -> WebSocketFrameDecoder.forServer(1024),
                DecoderHarness.concat(a, b));
        String expected = "BINARY fin rsv0 " + DecoderHarness.hex(payload);
        assertEquals(List.of(expected, expected), r.frames());
    }

    @Test
    void randomFramesRoundTripClientToServer() {
        Random rnd = new Random(11);
        EmbeddedChannel client = new EmbeddedChannel(WebSocketFrameEncoder.forClient());
        EmbeddedChannel server = new EmbeddedChannel(WebSocketFrameEncoder.forServer(),
                WebSocketFrameDecoder.forServer(1 << 16));
        for (int i = 0; i < 200; i++) {
            byte[] payload = DecoderHarness.body(rnd.nextInt(2000), i);
            client.writeOutbound(WebSocketFrame.binary(Buffers.wrap(payload)));
            Buffer wire = client.readOutbound();
            server.writeInbound(wire);
            WebSocketFrame got = server.readInbound();
            try {
                assertArrayEquals(payload, Buffers.toByteArray(got.content()));
            } finally {
                got.release();
            }
        }
        assertFalse(client.finishAndReleaseAll());
        assertFalse(server.finishAndReleaseAll());
    }

    @Test
    void oversizedControlFrameFailsItsWriteAndIsReleased() {
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketFrameEncoder.forServer());
        WebSocketFrame ping = WebSocketFrame.ping(Buffers.wrap(new byte[126]));
        ChannelFuture f = ch.writeOneOutbound(ping);
        ch.flush();
        assertTrue(f.isDone());
        EncoderException e = assertInstanceOf(EncoderException.class, f.cause());
        assertTrue(e.getMessage().contains("expected: at most 125"), e.getMessage());
        assertEquals(0, ping.refCnt());
        ch.finishAndReleaseAll();
    }
}
