package io.sluice.bootstrap;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long a {@link ReconnectingClient} waits before each new attempt: exponential growth from
 * {@code initial} by {@code multiplier} up to {@code max}, less a random share of up to
 * {@code jitter} (so many clients that lost one server do not come back in step), and a limit of
 * {@code maxAttempts} consecutive failed connects (0: never give up).
 *
 * @param initial the delay after the first failure, greater than zero (a zero delay could spin)
 * @param max the longest delay, at least {@code initial}
 * @param multiplier how much each further failure multiplies the delay, at least 1
 * @param jitter the share of the delay taken off at random, 0 (none) to 1 (anything down to zero)
 * @param maxAttempts consecutive failed connects before giving up; 0 for never
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, int maxAttempts) {

    /** Checks every component; each message names the component and the range it needs. */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isZero() || initial.isNegative()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1)");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0-1)");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 0, 0 for never)");
        }
    }

    /** Returns a backoff doubling from {@code initial} to {@code max}, 20% jitter, never giving up. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, 2, 0.2, 0);
    }

    /** Returns this backoff with {@code jitter} (0-1). */
    public Backoff withJitter(double jitter) {
        return new Backoff(initial, max, multiplier, jitter, maxAttempts);
    }

    /** Returns this backoff giving up after {@code maxAttempts} consecutive failed connects (0: never). */
    public Backoff withMaxAttempts(int maxAttempts) {
        return new Backoff(initial, max, multiplier, jitter, maxAttempts);
    }

    /** Returns whether {@code failedAttempts} consecutive failures mean giving up. */
    public boolean givesUpAfter(int failedAttempts) {
        return maxAttempts > 0 && failedAttempts >= maxAttempts;
    }

    /**
     * Returns the delay before the next attempt after {@code step} consecutive setbacks (1 for the
     * first), in nanoseconds, never more than {@code max} nor zero.
     *
     * @param random uniform values in [0, 1), for the jitter
     */
    public long delayNanos(int step, DoubleSupplier random) {
        if (step < 1) {
            throw new IllegalArgumentException("step: " + step + " (expected: >= 1)");
        }
        double maxNanos = max.toNanos();
        double delay = Math.min(maxNanos, initial.toNanos() * Math.pow(multiplier, step - 1));
        delay -= delay * jitter * random.getAsDouble();
        return Math.max(1, (long) delay);
    }
}
