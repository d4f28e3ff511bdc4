package io.sluice.handler.timeout;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.handler.EventRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReadTimeoutHandlerTest {

    @Test
    void closesOnceWithTheExceptionWhenNothingIsRead() {
        EventRecorder recorder = new EventRecorder();
        EmbeddedChannel ch = new EmbeddedChannel(ReadTimeoutHandler.create(30, SECONDS), recorder);
        ch.advanceTimeBy(29_999, MILLISECONDS);
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(1, MILLISECONDS);
        assertFalse(ch.isOpen());
        assertEquals(1, recorder.exceptions.size());
        ReadTimeoutException e = assertInstanceOf(ReadTimeoutException.class, recorder.exceptions.get(0));
        assertEquals("read timeout: no data for 30000 ms (expected: a read at least every 30000 ms)", e.getMessage());
        ch.advanceTimeBy(90, SECONDS);
        assertEquals(1, recorder.exceptions.size(), "once");
        assertEquals(1, recorder.inactive);
        assertEquals(-1, ch.nextScheduledTaskDelayNanos());
    }

    @Test
    void aTalkingPeerStaysOpen() {
        EmbeddedChannel ch = new EmbeddedChannel(ReadTimeoutHandler.create(10, SECONDS));
        for (int i = 0; i < 10; i++) {
            ch.advanceTimeBy(9, SECONDS);
            IdleStateHandlerTest.feed(ch, new byte[] {(byte) i}, i % 2 == 0);
        }
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }

    @Test
    void timeoutMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadTimeoutHandler.create(0, SECONDS));
        assertEquals("timeout: 0 (expected: > 0)", e.getMessage());
    }
}
