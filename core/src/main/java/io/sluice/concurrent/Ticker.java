package io.sluice.concurrent;

/**
 * A source of monotonic time in nanoseconds. Executors and timers read time only through their
 * ticker, so tests can move time with a {@link ManualTicker} instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /** Returns the current time in nanoseconds, from an arbitrary origin; never goes back. */
    long nanoTime();

    /** Returns the ticker backed by {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
