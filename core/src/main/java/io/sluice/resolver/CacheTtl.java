package io.sluice.resolver;

import java.security.Security;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a resolver keeps an answer: {@code positive} for addresses, {@code negative} for "no
 * such host". {@link Duration#ZERO} caches nothing; a negative duration caches for ever.
 *
 * @param positive how long a name's addresses are kept
 * @param negative how long a failed lookup is remembered
 */
public record CacheTtl(Duration positive, Duration negative) {
    private static final Logger LOG = LoggerFactory.getLogger(CacheTtl.class);
    /** The JDK's default positive TTL without a security manager, in seconds. */
    private static final long JDK_DEFAULT_POSITIVE_SECONDS = 30;
    /** The JDK's default negative TTL ({@code java.security}'s shipped value), in seconds. */
    private static final long JDK_DEFAULT_NEGATIVE_SECONDS = 10;

    /** Checks the arguments. */
    public CacheTtl {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negative, "negative");
    }

    /** Returns TTLs that cache nothing (every resolve looks the name up). */
    public static CacheTtl none() {
        return new CacheTtl(Duration.ZERO, Duration.ZERO);
    }

    /**
     * Returns the TTLs the JDK's own cache uses: the security properties
     * {@code networkaddress.cache.ttl} (else the system property {@code sun.net.inetaddr.ttl}, else
     * 30 s) and {@code networkaddress.cache.negative.ttl} (else {@code sun.net.inetaddr.negative.ttl},
     * else 10 s); -1 there means for ever.
     */
    public static CacheTtl fromJdk() {
        return new CacheTtl(
                seconds("networkaddress.cache.ttl", "sun.net.inetaddr.ttl", JDK_DEFAULT_POSITIVE_SECONDS),
                seconds("networkaddress.cache.negative.ttl", "sun.net.inetaddr.negative.ttl",
                        JDK_DEFAULT_NEGATIVE_SECONDS));
    }

    private static Duration seconds(String securityProperty, String systemProperty, long defaultSeconds) {
        String value = Security.getProperty(securityProperty);
        if (value == null || value.isBlank()) {
            value = System.getProperty(systemProperty);
        }
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? Duration.ofSeconds(-1) : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            LOG.warn("{}: {} (expected: seconds, -1 for ever); using {} s", securityProperty, value, defaultSeconds);
            return Duration.ofSeconds(defaultSeconds);
        }
    }

    /** Returns {@code d} in nanoseconds: -1 for ever, saturated at {@link Long#MAX_VALUE}. */
    static long nanos(Duration d) {
        if (d.isNegative()) {
            return -1;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
