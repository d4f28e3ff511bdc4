package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list {@code decode} adds to behaves as a {@link List}; the decoder passes on what it holds, in order. */
class DecoderOutputTest {

    @Test
    void behavesAsAListThroughGrowthInsertsAndRemovals() {
        DecoderOutput out = new DecoderOutput();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // past the first capacity of 8, twice
            out.add(i);
            expected.add(i);
        }
        out.add(0, "first");
        expected.add(0, "first");
        out.add(out.size(), "last");
        expected.add(expected.size(), "last");
        out.add(5, "middle");
        expected.add(5, "middle");
        assertEquals(expected.remove(7), out.remove(7));
        assertEquals(expected.set(3, "three"), out.set(3, "three"));
        assertEquals(expected, out);
        assertEquals(expected, new ArrayList<>(out), "iteration");
        assertEquals(expected.indexOf("middle"), out.indexOf("middle"));
        out.removeIf(e -> e instanceof Integer && (Integer) e % 2 == 0);
        expected.removeIf(e -> e instanceof Integer && (Integer) e % 2 == 0);
        assertEquals(expected, out);
        out.clear();
        assertTrue(out.isEmpty());
        out.add("again");
        assertEquals(List.of("again"), out);
    }

    @Test
    void indexesOutsideTheListThrow() {
        DecoderOutput out = new DecoderOutput();
        out.add("a");
        assertThrows(IndexOutOfBoundsException.class, () -> out.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> out.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> out.set(1, "b"));
        assertThrows(IndexOutOfBoundsException.class, () -> out.remove(1));
        assertThrows(IndexOutOfBoundsException.class, () -> out.add(2, "b"));
        assertEquals(List.of("a"), out);
    }

    @Test
    void takeDropsTheReferenceAndResetEmpties() {
        DecoderOutput out = new DecoderOutput();
        out.add("a");
        out.add("b");
        assertEquals("a", out.take(0));
        assertNull(out.get(0), "the list no longer holds a taken message");
        assertEquals("b", out.take(1));
        out.reset();
        assertTrue(out.isEmpty());
    }

    @Test
    void aGrownArrayIsNotKeptAfterReset() {
        DecoderOutput out = new DecoderOutput();
        for (int i = 0; i < 10_000; i++) {
            out.add(i);
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, out.take(i));
        }
        out.reset();
        assertTrue(out.capacity() <= DecoderOutput.MAX_KEPT_CAPACITY, "capacity after reset: " + out.capacity());
        for (int i = 0; i < DecoderOutput.MAX_KEPT_CAPACITY; i++) {
            out.add(i);
        }
        int kept = out.capacity();
        out.clear();
        assertEquals(kept, out.capacity(), "an array within the bound is reused");
    }

    /** A decode that emits many messages per call and edits the list: all go on, in the list's order. */
    @Test
    void aDecoderPassesOnEveryMessageInTheListsOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                while (in.isReadable()) {
                    out.add((int) in.readByte());
                }
                out.add(0, "start");
                out.remove(out.size() - 1); // the last byte is dropped
            }
        });
        Buffer input = ch.alloc().buffer(30);
        for (int i = 0; i < 30; i++) {
            input.writeByte(i);
        }
        ch.writeInbound(input);
        assertEquals("start", ch.readInbound());
        for (int i = 0; i < 29; i++) {
            assertEquals(i, (Integer) ch.readInbound());
        }
        assertNull(ch.readInbound());
        ch.finish();
    }

    /**
     * A null in the list makes the pass-on throw: the messages before it went on, the ones after it
     * are released (none leaks), and the decoder fails the stream with the cause.
     */
    @Test
    void messagesLeftAfterAFailedPassOnAreReleased() {
        Buffer[] after = new Buffer[1];
        EmbeddedChannel ch = new EmbeddedChannel(new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
                out.add(in.readRetainedSlice(1));
                out.add(null);
                after[0] = in.readRetainedSlice(1);
                out.add(after[0]);
                in.skipBytes(in.readableBytes());
            }
        });
        Buffer input = ch.alloc().buffer(4).writeBytes(new byte[] {1, 2, 3, 4});
        DecoderException failure = assertThrows(DecoderException.class, () -> ch.writeInbound(input));
        assertInstanceOf(NullPointerException.class, failure.getCause());
        Buffer first = ch.readInbound();
        assertEquals(1, first.readByte());
        first.release();
        assertEquals(0, after[0].refCnt(), "the message after the failure was released");
        assertFalse(ch.isActive(), "the failed stream closes the channel");
        ch.finish();
    }
}
