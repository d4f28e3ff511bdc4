package io.sluice.handler.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.concurrent.ManualTicker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final ManualTicker ticker = ManualTicker.create();

    @Test
    void theBurstIsFreeThenEachByteCostsItsShare() {
        TokenBucket bucket = TokenBucket.create(RateLimit.of(1000, 100), ticker);
        assertEquals(0, bucket.take(100, 0), "a full burst at once");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(50), bucket.take(50, 0), "then 50 bytes owe 50 ms");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(50), bucket.waitNanos(0));
        assertEquals(0, bucket.waitNanos(TimeUnit.MILLISECONDS.toNanos(50)));
        assertEquals(0, bucket.take(100, TimeUnit.SECONDS.toNanos(10)), "a quiet spell refills up to the burst only");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1), bucket.take(1, TimeUnit.SECONDS.toNanos(10)));
    }

    @Test
    void limitsAreCheckedWithTheRule() {
        assertEquals("bytesPerSecond: 0 (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> RateLimit.of(0)).getMessage());
        assertEquals("burstBytes: -1 (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> RateLimit.of(10, -1)).getMessage());
        assertEquals(new RateLimit(1000, 100), RateLimit.of(1000));
    }
}
