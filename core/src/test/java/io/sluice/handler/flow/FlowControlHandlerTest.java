package io.sluice.handler.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FlowControlHandlerTest {

    /** Splits every buffer into one-byte buffers: many messages from one socket read. */
    static final class Splitter implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer in = (Buffer) msg;
            try {
                while (in.isReadable()) {
                    ctx.fireChannelRead(Buffers.copyOf(new byte[] {in.readByte()}));
                }
            } finally {
                in.release();
            }
        }
    }

    /** Records what reaches it: the byte of each message and "|" for each read completion. */
    static final class Consumer implements ChannelHandler {
        final List<String> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer b = (Buffer) msg;
            seen.add(String.valueOf(b.readByte()));
            b.release();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            seen.add("|");
        }
    }

    private static EmbeddedChannel autoReadOff(FlowControlHandler flow, Consumer consumer) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().autoRead(false); // before the flow handler sees the first read request
        ch.pipeline().addLast(new Splitter(), flow, consumer);
        return ch;
    }

    @Test
    void oneMessagePerReadWhenAutoReadIsOff() {
        FlowControlHandler flow = FlowControlHandler.create();
        Consumer consumer = new Consumer();
        EmbeddedChannel ch = autoReadOff(flow, consumer);
        ch.read(); // the consumer asks for one
        int socketReads = ch.readRequests();
        ch.writeInbound(Buffers.copyOf(new byte[] {1, 2, 3}));
        assertEquals(List.of("1", "|"), consumer.seen);
        assertEquals(2, flow.heldMessages());
        ch.read();
        assertEquals(List.of("1", "|", "2", "|"), consumer.seen);
        assertEquals(socketReads, ch.readRequests(), "held messages are served without reading the socket");
        ch.read();
        assertEquals(List.of("1", "|", "2", "|", "3", "|"), consumer.seen);
        ch.read(); // nothing held: now the socket is asked
        assertEquals(socketReads + 1, ch.readRequests());
        ch.finish();
    }

    @Test
    void nothingPassesWithoutARead() {
        FlowControlHandler flow = FlowControlHandler.create();
        Consumer consumer = new Consumer();
        EmbeddedChannel ch = autoReadOff(flow, consumer);
        ch.writeInbound(Buffers.copyOf(new byte[] {1, 2}));
        assertEquals(List.of(), consumer.seen, "no read(), no message, no completion");
        assertEquals(2, flow.heldMessages());
        ch.finish(); // inactive: the held messages are released (the leak check would fail otherwise)
        assertEquals(0, flow.heldMessages());
    }

    @Test
    void autoReadPassesEverythingStraightThroughWithOneCompletionPerBatch() {
        Consumer consumer = new Consumer();
        EmbeddedChannel ch = new EmbeddedChannel(new Splitter(), FlowControlHandler.create(), consumer);
        ch.writeInbound(Buffers.copyOf(new byte[] {1, 2, 3}));
        assertEquals(List.of("1", "2", "3", "|"), consumer.seen);
        ch.finish();
    }

    @Test
    void turningAutoReadBackOnDrainsTheHeld() {
        FlowControlHandler flow = FlowControlHandler.create();
        Consumer consumer = new Consumer();
        EmbeddedChannel ch = autoReadOff(flow, consumer);
        ch.writeInbound(Buffers.copyOf(new byte[] {1, 2}));
        ch.config().autoRead(true); // asks to read: answered with one held message
        assertEquals(List.of("1", "|"), consumer.seen);
        ch.writeInbound(Buffers.copyOf(new byte[] {3}));
        assertEquals(List.of("1", "|", "2", "3", "|"), consumer.seen);
        ch.finish();
    }

    @Test
    void removalHandsTheHeldOnInOrder() {
        FlowControlHandler flow = FlowControlHandler.create();
        Consumer consumer = new Consumer();
        EmbeddedChannel ch = autoReadOff(flow, consumer);
        ch.writeInbound(Buffers.copyOf(new byte[] {1, 2, 3}));
        ch.pipeline().remove(flow);
        assertEquals(List.of("1", "2", "3", "|"), consumer.seen);
        assertNull(ch.readInbound());
        ch.finish();
    }
}
