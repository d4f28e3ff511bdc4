package io.sluice.channel.pool;

import io.sluice.channel.Channel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The limits of a {@link ChannelPool}.
 *
 * @param maxPerAddress most channels open to one remote address, acquired or idle, at least 1
 * @param maxWaiters most acquirers waiting for one address once it is at its maximum; more fail at once
 * @param acquireTimeout how long an acquirer waits before failing, greater than zero
 * @param idleTimeout how long a released channel stays idle before it is closed, greater than zero
 * @param healthCheck run on an idle channel before handing it out; one that fails it is closed
 */
public record PoolSettings(int maxPerAddress, int maxWaiters, Duration acquireTimeout, Duration idleTimeout,
        Predicate<Channel> healthCheck) {

    /** Checks every component; each message names the component and what it needs. */
    public PoolSettings {
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("maxPerAddress: " + maxPerAddress + " (expected: >= 1)");
        }
        if (maxWaiters < 0) {
            throw new IllegalArgumentException("maxWaiters: " + maxWaiters + " (expected: >= 0)");
        }
        positive("acquireTimeout", acquireTimeout);
        positive("idleTimeout", idleTimeout);
        Objects.requireNonNull(healthCheck, "healthCheck");
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    /**
     * Returns the defaults: 8 channels per address, 64 waiters, a 10 s acquire timeout, idle channels
     * closed after 60 s, and a channel is healthy while it is active.
     */
    public static PoolSettings defaults() {
        return new PoolSettings(8, 64, Duration.ofSeconds(10), Duration.ofSeconds(60), Channel::isActive);
    }

    /** Returns these settings with {@code maxPerAddress} and {@code maxWaiters}. */
    public PoolSettings withLimits(int maxPerAddress, int maxWaiters) {
        return new PoolSettings(maxPerAddress, maxWaiters, acquireTimeout, idleTimeout, healthCheck);
    }

    /** Returns these settings with the acquire and idle timeouts. */
    public PoolSettings withTimeouts(Duration acquireTimeout, Duration idleTimeout) {
        return new PoolSettings(maxPerAddress, maxWaiters, acquireTimeout, idleTimeout, healthCheck);
    }

    /** Returns these settings with {@code healthCheck}. */
    public PoolSettings withHealthCheck(Predicate<Channel> healthCheck) {
        return new PoolSettings(maxPerAddress, maxWaiters, acquireTimeout, idleTimeout, healthCheck);
    }
}
