package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbound ring's arrays: none while nothing is queued (an idle connection's memory), handed
 * from a drained ring to the next one on the same thread, and never shared by two rings.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChannelOutboundBufferRingTest {
    private final EmbeddedChannel a = stalled();
    private final EmbeddedChannel b = stalled();

    private static EmbeddedChannel stalled() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.stallOutput(true);
        return ch;
    }

    @AfterEach
    void tearDown() {
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    private static Buffer message(int tag) {
        return Buffers.copyOf(new byte[] {(byte) tag});
    }

    /** Removes every flushed message as sent and returns their tags, in order. */
    private static List<Integer> drain(EmbeddedChannel ch) throws ReflectiveOperationException {
        ChannelOutboundBuffer out = IdleChannelMemoryTest.outboundBuffer(ch);
        List<Integer> tags = new ArrayList<>();
        Object msg;
        while ((msg = out.current()) != null) {
            tags.add((int) ((Buffer) msg).getByte(0));
            assertTrue(out.remove());
        }
        return tags;
    }

    @Test
    void aRingHoldsArraysOnlyWhileSomethingIsQueued() throws Exception {
        ChannelOutboundBuffer out = IdleChannelMemoryTest.outboundBuffer(a);
        assertEquals(0, IdleChannelMemoryTest.ringCapacity(out), "a new channel holds no arrays");
        List<Buffer> written = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // past the first size: the ring grows, keeping order
            Buffer m = message(i);
            written.add(m);
            tags.add(i);
            a.write(m);
        }
        a.flush();
        assertEquals(32, IdleChannelMemoryTest.ringCapacity(out));
        assertEquals(tags, drain(a));
        assertEquals(0, IdleChannelMemoryTest.ringCapacity(out), "a drained ring holds no arrays");
        for (Buffer m : written) {
            assertEquals(0, m.refCnt());
        }
        a.writeAndFlush(message(7));
        assertEquals(List.of(7), drain(a), "the ring works again after handing its arrays back");
    }

    @Test
    void ringsOnOneThreadPassArraysOnWithoutSharingThem() throws Exception {
        a.writeAndFlush(message(1));
        assertEquals(List.of(1), drain(a)); // a's arrays become this thread's spare
        b.write(message(10)); // b takes them
        a.write(message(2)); // a needs new ones
        b.write(message(11));
        a.write(message(3));
        a.flush();
        b.flush();
        assertEquals(List.of(2, 3), drain(a));
        assertEquals(List.of(10, 11), drain(b));
        assertEquals(0, IdleChannelMemoryTest.ringCapacity(IdleChannelMemoryTest.outboundBuffer(a)));
        assertEquals(0, IdleChannelMemoryTest.ringCapacity(IdleChannelMemoryTest.outboundBuffer(b)));
    }

    @Test
    void aWriteFromTheLastEntrysListenerStaysQueued() throws Exception {
        Buffer next = message(2);
        ChannelFuture first = a.writeAndFlush(message(1));
        first.addListener(f -> a.write(next));
        ChannelOutboundBuffer out = IdleChannelMemoryTest.outboundBuffer(a);
        assertTrue(out.remove());
        assertTrue(first.isSuccess());
        assertEquals(1, out.entries(), "the listener's write is queued");
        assertTrue(IdleChannelMemoryTest.ringCapacity(out) > 0);
        a.flush();
        assertSame(next, out.current());
        assertEquals(List.of(2), drain(a));
    }

    @Test
    void closeFailsEveryEntryAndLeavesNoArrays() throws Exception {
        ChannelFuture flushed = a.writeAndFlush(message(1));
        ChannelFuture unflushed = a.write(message(2));
        ChannelOutboundBuffer out = IdleChannelMemoryTest.outboundBuffer(a);
        a.close();
        assertInstanceOf(ClosedChannelException.class, flushed.cause());
        assertInstanceOf(ClosedChannelException.class, unflushed.cause());
        assertEquals(0, IdleChannelMemoryTest.ringCapacity(out));
        b.writeAndFlush(message(3)); // takes the arrays the closed channel handed back
        assertEquals(List.of(3), drain(b));
    }
}
