package io.sluice.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when told to; for tests. After advancing it, wake the executor
 * that uses it (any {@code execute}) so it sees the new time. Thread-safe.
 */
public final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    private ManualTicker() {}

    /** Returns a ticker at time 0. */
    public static ManualTicker create() {
        return new ManualTicker();
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /** Moves time forward by {@code amount}. @throws IllegalArgumentException if negative */
    public void advance(long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount: " + amount + " (expected: >= 0, time never goes back)");
        }
        nanos.addAndGet(unit.toNanos(amount));
    }
}
