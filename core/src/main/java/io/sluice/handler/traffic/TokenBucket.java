package io.sluice.handler.traffic;

import io.sluice.concurrent.Ticker;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket that may go into debt, kept as one number (the generic cell rate algorithm): the
 * time at which the bucket would be full again. Taking {@code n} bytes moves that time on by
 * {@code n / rate}; the caller must then wait for as long as it lies more than the burst ahead of
 * now. Taking always succeeds, because the bytes were already read or must be sent in order: the
 * wait is the price.
 *
 * <p>Thread-safe and lock-free: one compare-and-set per {@link #take}, so a bucket may be shared
 * by channels on many event loops.
 */
public final class TokenBucket {
    private final RateLimit limit;
    private final Ticker ticker;
    /** Nanoseconds one byte costs. */
    private final double nanosPerByte;
    /** The burst, as nanoseconds of credit. */
    private final long burstNanos;
    /** The ticker time at which the bucket is full again (at or before now: it is full). */
    private final AtomicLong fullAtNanos;

    private TokenBucket(RateLimit limit, Ticker ticker) {
        this.limit = limit;
        this.ticker = ticker;
        this.nanosPerByte = 1e9 / limit.bytesPerSecond();
        this.burstNanos = (long) (limit.burstBytes() * nanosPerByte);
        this.fullAtNanos = new AtomicLong(ticker.nanoTime());
    }

    /** Returns a full bucket for {@code limit}, reading time from {@code ticker}. */
    public static TokenBucket create(RateLimit limit, Ticker ticker) {
        return new TokenBucket(Objects.requireNonNull(limit, "limit"), Objects.requireNonNull(ticker, "ticker"));
    }

    /** Returns the limit. */
    public RateLimit limit() {
        return limit;
    }

    /** Returns the bucket's clock. */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * Takes {@code bytes} from the bucket at {@code nowNanos} (this bucket's ticker time).
     *
     * @return how many nanoseconds to wait before the next bytes (0: none)
     */
    public long take(long bytes, long nowNanos) {
        long cost = (long) (bytes * nanosPerByte);
        for (;;) {
            long full = fullAtNanos.get();
            long next = Math.max(full, nowNanos) + cost;
            if (fullAtNanos.compareAndSet(full, next)) {
                return Math.max(0, next - nowNanos - burstNanos);
            }
        }
    }

    /** Returns how many nanoseconds to wait at {@code nowNanos} before the bucket lets bytes through (0: none). */
    public long waitNanos(long nowNanos) {
        return Math.max(0, fullAtNanos.get() - nowNanos - burstNanos);
    }
}
