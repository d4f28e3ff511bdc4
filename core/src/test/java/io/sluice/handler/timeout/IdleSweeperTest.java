package io.sluice.handler.timeout;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.ManualTicker;
import io.sluice.concurrent.Timeout;
import io.sluice.concurrent.Timer;
import io.sluice.concurrent.TimerTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sweeper with a timer the test runs by hand: which checks are pending, and for when. */
@org.junit.jupiter.api.Timeout(10)
class IdleSweeperTest {
    private final ManualTicker ticker = ManualTicker.create();
    private final ManualTimer timer = new ManualTimer();

    @Test
    void closesASilentConnectionAndRearmsATalkingOne() throws Exception {
        IdleSweeper sweeper = IdleSweeper.create(timer, ticker, 60, SECONDS);
        EmbeddedChannel silent = new EmbeddedChannel(sweeper.newHandler());
        EmbeddedChannel talking = new EmbeddedChannel(sweeper.newHandler());
        assertEquals(2, timer.pending.size());
        ticker.advance(30, SECONDS);
        IdleStateHandlerTest.feed(talking, new byte[] {1}, false);
        ticker.advance(30, SECONDS);
        timer.runDue();
        silent.runPendingTasks();
        talking.runPendingTasks();
        assertFalse(silent.isOpen());
        assertTrue(talking.isOpen());
        assertEquals(1, sweeper.closedConnections());
        assertEquals(List.of(SECONDS.toNanos(90)), timer.deadlines(), "re-armed for the time left");
        talking.finish();
        assertTrue(timer.pending.get(0).cancelled, "closing cancels the check");
    }

    @Test
    void idleMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdleSweeper.create(timer, ticker, 0, SECONDS));
        assertEquals("idle: 0 (expected: > 0)", e.getMessage());
    }

    /** A timer whose tasks run only when the test says. */
    private final class ManualTimer implements Timer {
        final List<ManualTimeout> pending = new ArrayList<>();

        @Override
        public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
            ManualTimeout t = new ManualTimeout(this, task, ticker.nanoTime() + unit.toNanos(delay));
            pending.add(t);
            return t;
        }

        void runDue() throws Exception {
            for (ManualTimeout t : new ArrayList<>(pending)) {
                if (!t.cancelled && t.deadline <= ticker.nanoTime()) {
                    pending.remove(t);
                    t.expired = true;
                    t.task.run(t);
                }
            }
        }

        List<Long> deadlines() {
            List<Long> d = new ArrayList<>();
            for (ManualTimeout t : pending) {
                d.add(t.deadline);
            }
            return d;
        }

        @Override
        public Set<Timeout> stop() {
            return Set.of();
        }
    }

    private static final class ManualTimeout implements Timeout {
        final Timer timer;
        final TimerTask task;
        final long deadline;
        boolean cancelled;
        boolean expired;

        ManualTimeout(Timer timer, TimerTask task, long deadline) {
            this.timer = timer;
            this.task = task;
            this.deadline = deadline;
        }

        @Override
        public Timer timer() {
            return timer;
        }

        @Override
        public TimerTask task() {
            return task;
        }

        @Override
        public boolean isExpired() {
            return expired;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean cancel() {
            boolean was = !cancelled && !expired;
            cancelled = true;
            return was;
        }
    }
}
