package io.sluice.handler.traffic;

/**
 * A rate in bytes per second with the burst allowed above it.
 *
 * @param bytesPerSecond the sustained rate; positive
 * @param burstBytes how many bytes may pass at once after a quiet spell; positive
 */
public record RateLimit(long bytesPerSecond, long burstBytes) {

    /** Checks both values. */
    public RateLimit {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: > 0)");
        }
        if (burstBytes <= 0) {
            throw new IllegalArgumentException("burstBytes: " + burstBytes + " (expected: > 0)");
        }
    }

    /** Returns a limit of {@code bytesPerSecond} with a burst of a tenth of a second's worth (at least 1 byte). */
    public static RateLimit of(long bytesPerSecond) {
        return new RateLimit(bytesPerSecond, Math.max(1, bytesPerSecond / 10));
    }

    /** Returns a limit of {@code bytesPerSecond} with a burst of {@code burstBytes}. */
    public static RateLimit of(long bytesPerSecond, long burstBytes) {
        return new RateLimit(bytesPerSecond, burstBytes);
    }
}
