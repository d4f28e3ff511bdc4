package io.sluice.handler.timeout;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.handler.EventRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WriteTimeoutHandlerTest {

    @Test
    void aPeerThatNeverReadsIsClosedOnceWhenTheOldestWriteIsDue() {
        EventRecorder recorder = new EventRecorder();
        EmbeddedChannel ch = new EmbeddedChannel(WriteTimeoutHandler.create(10, SECONDS), recorder);
        ch.stallOutput(true);
        ChannelFuture first = ch.writeOneOutbound("a");
        ch.flush();
        ch.advanceTimeBy(4, SECONDS);
        ch.writeOneOutbound("b");
        ch.flush();
        ch.advanceTimeBy(5_999, MILLISECONDS);
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(1, MILLISECONDS);
        assertFalse(ch.isOpen());
        assertFalse(first.isSuccess());
        assertEquals(1, recorder.exceptions.size());
        WriteTimeoutException e = assertInstanceOf(WriteTimeoutException.class, recorder.exceptions.get(0));
        assertEquals("write timeout: a write pending for 10000 ms (expected: each write sent within 10000 ms)",
                e.getMessage());
        ch.advanceTimeBy(60, SECONDS);
        assertEquals(1, recorder.exceptions.size(), "once");
    }

    @Test
    void theNextPendingWriteGetsItsOwnDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(WriteTimeoutHandler.create(10, SECONDS));
        ch.writeOutbound("sent at once");
        ch.advanceTimeBy(3, SECONDS);
        ch.stallOutput(true);
        ch.writeOneOutbound("stuck");
        ch.flush();
        ch.advanceTimeBy(7, SECONDS); // the first write's check: it is done, the second is due at 13 s
        assertTrue(ch.isOpen());
        assertEquals(SECONDS.toNanos(3), ch.nextScheduledTaskDelayNanos());
        ch.advanceTimeBy(3, SECONDS);
        assertFalse(ch.isOpen());
        assertThrows(WriteTimeoutException.class, ch::checkException);
        ch.releaseOutbound();
    }

    @Test
    void writesThatCompleteNeverTimeOut() {
        EmbeddedChannel ch = new EmbeddedChannel(WriteTimeoutHandler.create(1, SECONDS));
        for (int i = 0; i < 1_000; i++) { // more than the ring's first size: it is pruned as writes arrive
            ch.writeOutbound(i);
            ch.advanceTimeBy(100, MILLISECONDS);
        }
        assertTrue(ch.isOpen());
        assertEquals(1_000, ch.outboundMessages().size());
        assertTrue(ch.finishAndReleaseAll());
    }

    @Test
    void manyPendingWritesGrowTheRingAndKeepTheOldestDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(WriteTimeoutHandler.create(1, SECONDS));
        ch.stallOutput(true);
        for (int i = 0; i < 100; i++) {
            ch.writeOneOutbound(i);
            ch.advanceTimeBy(5, MILLISECONDS);
        }
        ch.advanceTimeBy(499, MILLISECONDS);
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(1, MILLISECONDS);
        assertFalse(ch.isOpen());
        assertThrows(WriteTimeoutException.class, ch::checkException);
    }
}
