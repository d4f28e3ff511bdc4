package io.sluice.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wheel alone: single-threaded, driven by explicit times (ns), no clock and no threads. */
class TimerWheelTest {
    private static final long TICK = 10;

    private static WheelTimeout timeout(long deadline) {
        return new WheelTimeout(null, t -> {}, deadline);
    }

    private static List<WheelTimeout> expire(TimerWheel wheel, long now) {
        List<WheelTimeout> expired = new ArrayList<>();
        wheel.expire(now, expired);
        return expired;
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new TimerWheel(0, TICK, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimerWheel(8, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimerWheel((1 << 30) + 1, TICK, 0));
    }

    @Test
    void timeoutsExpireAtTheEndOfTheirTickAndNeverEarly() {
        for (int ticksPerWheel : new int[] {1, 2, 5, 8}) {
            TimerWheel wheel = new TimerWheel(ticksPerWheel, TICK, 1000);
            Map<WheelTimeout, Long> expiredAt = new HashMap<>();
            List<WheelTimeout> all = new ArrayList<>();
            for (long d = 1000; d < 1300; d++) { // up to 30 ticks: several turns of every wheel size
                WheelTimeout t = timeout(d);
                all.add(t);
                wheel.add(t);
            }
            assertEquals(all.size(), wheel.size());
            for (long now = 1000; now <= 1400; now++) {
                for (WheelTimeout t : expire(wheel, now)) {
                    assertNull(expiredAt.put(t, now), "expired twice");
                }
            }
            for (WheelTimeout t : all) {
                long expected = 1000 + ((t.deadlineNanos - 1000) / TICK + 1) * TICK;
                assertEquals(expected, expiredAt.get(t), "deadline " + t.deadlineNanos + ", wheel " + ticksPerWheel);
                assertTrue(expiredAt.get(t) > t.deadlineNanos, "early");
            }
            assertEquals(0, wheel.size());
        }
    }

    @Test
    void delaysLongerThanOneTurnWaitTheirRounds() {
        TimerWheel wheel = new TimerWheel(4, TICK, 0); // one turn = 40 ns
        WheelTimeout far = timeout(1005); // tick 100: 25 rounds
        WheelTimeout sameBucketNear = timeout(5); // tick 0, bucket 0 too
        wheel.add(far);
        wheel.add(sameBucketNear);
        assertEquals(25, far.remainingRounds);
        assertEquals(List.of(sameBucketNear), expire(wheel, 10));
        assertTrue(expire(wheel, 1009).isEmpty(), "expired early");
        assertEquals(List.of(far), expire(wheel, 1010));

        // added after the wheel moved on: rounds count from the current tick
        WheelTimeout later = timeout(1555); // tick 155; the wheel is at tick 101
        wheel.add(later);
        assertEquals(13, later.remainingRounds);
        assertTrue(expire(wheel, 1559).isEmpty());
        assertEquals(List.of(later), expire(wheel, 1560));
    }

    @Test
    void pastDeadlinesExpireOnTheCurrentTick() {
        TimerWheel wheel = new TimerWheel(8, TICK, 0);
        assertTrue(expire(wheel, 105).isEmpty()); // ticks 0-9 done; tick 10 in progress
        WheelTimeout past = timeout(15); // tick 1: long gone
        WheelTimeout beforeStart = timeout(-500);
        WheelTimeout farPast = timeout(-10_000_000);
        wheel.add(past);
        wheel.add(beforeStart);
        wheel.add(farPast);
        List<WheelTimeout> expired = expire(wheel, 110); // end of tick 10
        assertEquals(new HashSet<>(List.of(past, beforeStart, farPast)), new HashSet<>(expired));
        assertEquals(0, wheel.size());
    }

    /** Three timeouts in one bucket; the list is c (head), b, a (tail): adding pushes at the head. */
    private static WheelTimeout[] oneBucket(TimerWheel wheel) {
        WheelTimeout a = timeout(1);
        WheelTimeout b = timeout(2);
        WheelTimeout c = timeout(3);
        wheel.add(a);
        wheel.add(b);
        wheel.add(c);
        assertSame(b, c.next);
        assertSame(a, b.next);
        assertSame(c, b.prev);
        return new WheelTimeout[] {a, b, c};
    }

    @Test
    void removeUnlinksHeadMiddleAndTail() {
        for (int removed = 0; removed < 3; removed++) { // 0: tail a, 1: middle b, 2: head c
            TimerWheel wheel = new TimerWheel(8, TICK, 0);
            WheelTimeout[] abc = oneBucket(wheel);
            WheelTimeout gone = abc[removed];
            wheel.remove(gone);
            assertEquals(2, wheel.size());
            assertEquals(-1, gone.bucket);
            assertNull(gone.prev);
            assertNull(gone.next);
            wheel.remove(gone); // twice: no effect
            assertEquals(2, wheel.size());
            List<WheelTimeout> rest = new ArrayList<>(List.of(abc));
            rest.remove(gone);
            assertEquals(new HashSet<>(rest), new HashSet<>(expire(wheel, TICK)), "removed position " + removed);
            assertEquals(0, wheel.size());
        }
    }

    @Test
    void removeEveryOneOfABucketThenReuseIt() {
        TimerWheel wheel = new TimerWheel(8, TICK, 0);
        WheelTimeout[] abc = oneBucket(wheel);
        wheel.remove(abc[1]);
        wheel.remove(abc[2]);
        wheel.remove(abc[0]);
        assertEquals(0, wheel.size());
        WheelTimeout d = timeout(4);
        wheel.add(d);
        assertNull(d.next);
        assertEquals(List.of(d), expire(wheel, TICK));
    }

    @Test
    void drainReturnsEverything() {
        TimerWheel wheel = new TimerWheel(8, TICK, 0);
        List<WheelTimeout> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            WheelTimeout t = timeout(i * 37L);
            all.add(t);
            wheel.add(t);
        }
        expire(wheel, 0); // nothing due yet
        List<WheelTimeout> drained = wheel.drain();
        assertEquals(50, drained.size());
        assertEquals(new HashSet<>(all), new HashSet<>(drained));
        assertEquals(0, wheel.size());
        for (WheelTimeout t : drained) {
            assertEquals(-1, t.bucket);
        }
        assertTrue(expire(wheel, 100_000).isEmpty());
        assertTrue(wheel.drain().isEmpty());
    }

    @Test
    void nextTickAdvancesWithExpire() {
        TimerWheel wheel = new TimerWheel(8, TICK, 500);
        assertEquals(510, wheel.nextTickNanos());
        expire(wheel, 535);
        assertEquals(540, wheel.nextTickNanos());
    }
}
