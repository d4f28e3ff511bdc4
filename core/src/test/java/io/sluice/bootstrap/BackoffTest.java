package io.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long MS = 1_000_000;

    @Test
    void growsByTheMultiplierUpToTheMaximum() {
        Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(1000)).withJitter(0);
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        for (int step = 1; step <= expected.length; step++) {
            assertEquals(expected[step - 1] * MS, b.delayNanos(step, () -> 0.5), "step " + step);
        }
        assertEquals(1000 * MS, b.delayNanos(10_000, () -> 0.5), "no overflow far out");
    }

    @Test
    void jitterTakesOffUpToItsShareAndNeverReachesZero() {
        Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(100)).withJitter(0.25);
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            long d = b.delayNanos(1, random::nextDouble);
            assertTrue(d > 75 * MS - 1 && d <= 100 * MS, "delay " + d);
        }
        Backoff full = b.withJitter(1);
        assertEquals(1, full.delayNanos(1, () -> 1.0), "never zero: no spinning");
    }

    @Test
    void givesUpOnlyAfterMaxAttemptsAndNeverWithZero() {
        Backoff never = Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2));
        assertFalse(never.givesUpAfter(Integer.MAX_VALUE));
        Backoff three = never.withMaxAttempts(3);
        assertFalse(three.givesUpAfter(2));
        assertTrue(three.givesUpAfter(3));
    }

    @Test
    void badSettingsAreRefusedNamingTheRule() {
        assertEquals("initial: PT0S (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1))).getMessage());
        assertEquals("max: PT0.001S (expected: >= initial PT1S)", assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofMillis(1))).getMessage());
        Backoff b = Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2));
        assertEquals("jitter: 1.5 (expected: 0-1)",
                assertThrows(IllegalArgumentException.class, () -> b.withJitter(1.5)).getMessage());
        assertEquals("maxAttempts: -1 (expected: >= 0, 0 for never)",
                assertThrows(IllegalArgumentException.class, () -> b.withMaxAttempts(-1)).getMessage());
        assertEquals("multiplier: 0.5 (expected: >= 1)", assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 0.5, 0, 0)).getMessage());
        assertEquals("step: 0 (expected: >= 1)",
                assertThrows(IllegalArgumentException.class, () -> b.delayNanos(0, () -> 0)).getMessage());
    }
}
