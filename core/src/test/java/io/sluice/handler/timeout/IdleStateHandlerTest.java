package io.sluice.handler.timeout;

import static io.sluice.handler.timeout.IdleState.ALL_IDLE;
import static io.sluice.handler.timeout.IdleState.READER_IDLE;
import static io.sluice.handler.timeout.IdleState.WRITER_IDLE;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.handler.EventRecorder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class IdleStateHandlerTest {
    private final EventRecorder events = new EventRecorder();

    private EmbeddedChannel channel(IdleStateHandler handler) {
        return new EmbeddedChannel(handler, events);
    }

    @Test
    void readerIdleFiresExactlyWhenDueThenOncePerPeriod() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(10, 0, 0, SECONDS));
        ch.advanceTimeBy(9_999, MILLISECONDS);
        assertEquals(List.of(), events.events);
        ch.advanceTimeBy(1, MILLISECONDS);
        assertEquals(List.of(IdleStateEvent.of(READER_IDLE, true)), events.events);
        ch.advanceTimeBy(9_999, MILLISECONDS);
        assertEquals(1, events.events.size());
        ch.advanceTimeBy(1, MILLISECONDS);
        assertEquals(List.of(IdleStateEvent.of(READER_IDLE, true), IdleStateEvent.of(READER_IDLE, false)),
                events.events);
        assertFalse(ch.finish());
    }

    /** The same input whole or one byte per read: the idle decision is the same. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readActivityPostponesReaderIdle(boolean byteByByte) {
        EmbeddedChannel ch = channel(IdleStateHandler.create(10, 0, 0, SECONDS));
        ch.advanceTimeBy(6, SECONDS);
        feed(ch, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), byteByByte);
        ch.advanceTimeBy(9_999, MILLISECONDS);
        assertEquals(List.of(), events.events, "never after activity");
        ch.advanceTimeBy(1, MILLISECONDS);
        assertEquals(List.of(IdleStateEvent.of(READER_IDLE, true)), events.events);
        ch.finishAndReleaseAll();
    }

    @Test
    void aNewIdleStretchStartsWithAFirstEventAgain() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(10, 0, 0, SECONDS));
        ch.advanceTimeBy(10, SECONDS);
        ch.advanceTimeBy(10, SECONDS);
        feed(ch, new byte[] {1}, false);
        ch.advanceTimeBy(10, SECONDS);
        assertEquals(List.of(IdleStateEvent.of(READER_IDLE, true), IdleStateEvent.of(READER_IDLE, false),
                IdleStateEvent.of(READER_IDLE, true)), events.events);
        ch.finishAndReleaseAll();
    }

    @Test
    void writerIdleCountsFlushedWritesOnly() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(0, 10, 0, SECONDS));
        ch.advanceTimeBy(5, SECONDS);
        ch.writeOneOutbound("not flushed");
        ch.advanceTimeBy(5, SECONDS);
        assertEquals(List.of(IdleStateEvent.of(WRITER_IDLE, true)), events.events);
        ch.flush(); // now it leaves: activity at t=10s
        ch.advanceTimeBy(9, SECONDS);
        assertEquals(1, events.events.size());
        ch.advanceTimeBy(1, SECONDS);
        assertEquals(List.of(IdleStateEvent.of(WRITER_IDLE, true), IdleStateEvent.of(WRITER_IDLE, true)),
                events.events);
        assertTrue(ch.finish());
        assertEquals("not flushed", ch.readOutbound());
    }

    @Test
    void allIdleNeedsBothSidesSilent() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(0, 0, 10, SECONDS));
        ch.advanceTimeBy(4, SECONDS);
        feed(ch, new byte[] {1, 2}, false);
        ch.advanceTimeBy(4, SECONDS);
        ch.writeOutbound("out");
        ch.advanceTimeBy(9, SECONDS);
        assertEquals(List.of(), events.events);
        ch.advanceTimeBy(1, SECONDS);
        assertEquals(List.of(IdleStateEvent.of(ALL_IDLE, true)), events.events);
        ch.finishAndReleaseAll();
    }

    @Test
    void allThreeKindsFireInOrderWhenDueTogether() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(3, 3, 3, SECONDS));
        ch.advanceTimeBy(3, SECONDS);
        assertEquals(List.of(IdleStateEvent.of(READER_IDLE, true), IdleStateEvent.of(WRITER_IDLE, true),
                IdleStateEvent.of(ALL_IDLE, true)), events.events);
        ch.finish();
    }

    @Test
    void pendingOutputCountsAsActivityOnlyWhenObserved() {
        for (boolean observe : new boolean[] {false, true}) {
            EventRecorder recorder = new EventRecorder();
            EmbeddedChannel ch = new EmbeddedChannel(IdleStateHandler.create(0, 10, 0, SECONDS, observe), recorder);
            ch.stallOutput(true); // a slow reader: the write stays pending
            ChannelFuture write = ch.writeOneOutbound("slow");
            ch.flush();
            ch.advanceTimeBy(15, SECONDS);
            assertFalse(write.isDone());
            assertEquals(observe ? List.of() : List.of(IdleStateEvent.of(WRITER_IDLE, true)), recorder.events,
                    "observeOutput=" + observe);
            ch.stallOutput(false);
            assertTrue(write.isDone());
            ch.advanceTimeBy(10, SECONDS);
            assertFalse(recorder.events.isEmpty(), "idle once the output drained, observeOutput=" + observe);
            assertTrue(ch.finish());
            assertEquals("slow", ch.readOutbound());
        }
    }

    @Test
    void readsDoNotReschedule() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(10, 0, 0, SECONDS));
        ch.advanceTimeBy(2, SECONDS);
        for (int i = 0; i < 100; i++) {
            feed(ch, new byte[] {(byte) i}, false);
        }
        assertEquals(SECONDS.toNanos(8), ch.nextScheduledTaskDelayNanos(), "the first check still stands");
        ch.advanceTimeBy(8, SECONDS); // the check finds activity and moves itself to its new due time
        assertEquals(SECONDS.toNanos(2), ch.nextScheduledTaskDelayNanos());
        assertEquals(List.of(), events.events);
        ch.finishAndReleaseAll();
    }

    @Test
    void closingStopsTheCheck() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(1, 1, 1, SECONDS));
        ch.close();
        ch.runPendingTasks();
        assertEquals(-1, ch.nextScheduledTaskDelayNanos());
        ch.advanceTimeBy(5, SECONDS);
        assertEquals(List.of(), events.events);
    }

    @Test
    void removingStopsTheCheck() {
        IdleStateHandler idle = IdleStateHandler.create(1, 0, 0, SECONDS);
        EmbeddedChannel ch = channel(idle);
        ch.pipeline().remove(idle);
        ch.advanceTimeBy(5, SECONDS);
        assertEquals(List.of(), events.events);
        assertEquals(-1, ch.nextScheduledTaskDelayNanos());
        ch.finish();
    }

    @Test
    void noKindEnabledSchedulesNothing() {
        EmbeddedChannel ch = channel(IdleStateHandler.create(0, 0, 0, SECONDS));
        assertEquals(-1, ch.nextScheduledTaskDelayNanos());
        ch.finish();
    }

    @Test
    void negativeTimeIsRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdleStateHandler.create(-1, 0, 0, SECONDS));
        assertEquals("readerIdle: -1 (expected: >= 0, 0 turns it off)", e.getMessage());
        assertEquals(10, IdleStateHandler.create(0, 10, 0, SECONDS).writerIdleTime(TimeUnit.SECONDS));
    }

    static void feed(EmbeddedChannel ch, byte[] bytes, boolean byteByByte) {
        if (byteByByte) {
            for (byte b : bytes) {
                ch.writeInbound(Buffers.copyOf(new byte[] {b}));
            }
        } else {
            ch.writeInbound(Buffers.copyOf(bytes));
        }
        for (Object msg; (msg = ch.readInbound()) != null; ) {
            ((Buffer) msg).release();
        }
    }
}
