package io.sluice.handler.traffic;

import io.sluice.concurrent.Ticker;
import java.util.Objects;

/**
 * Rate limits shared by a set of channels, or a whole server (libevent's
 * {@code bufferevent_rate_limit_group}): every handler from {@link #newHandler()} takes from the
 * same read and write buckets and adds to the same {@link #counters()}. A handler may also carry
 * limits of its own ({@link #newHandler(RateLimit, RateLimit)}); then it waits for the slower of
 * the two. Thread-safe: the buckets are lock-free and shared across event loops.
 */
public final class TrafficShapingGroup {
    private final TokenBucket readBucket;
    private final TokenBucket writeBucket;
    private final TrafficCounters counters = new TrafficCounters();

    private TrafficShapingGroup(RateLimit readLimit, RateLimit writeLimit, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        this.readBucket = readLimit == null ? null : TokenBucket.create(readLimit, ticker);
        this.writeBucket = writeLimit == null ? null : TokenBucket.create(writeLimit, ticker);
    }

    /** Returns a group limiting reads and writes ({@code null}: that direction is not limited). */
    public static TrafficShapingGroup create(RateLimit readLimit, RateLimit writeLimit) {
        return new TrafficShapingGroup(readLimit, writeLimit, Ticker.system());
    }

    /** Like {@link #create(RateLimit, RateLimit)}, with the buckets on {@code ticker} (for tests). */
    public static TrafficShapingGroup create(RateLimit readLimit, RateLimit writeLimit, Ticker ticker) {
        return new TrafficShapingGroup(readLimit, writeLimit, ticker);
    }

    /** Returns a new handler for one channel of the group. */
    public TrafficShapingHandler newHandler() {
        return new TrafficShapingHandler(null, null, this);
    }

    /** Returns a new handler for one channel of the group that also obeys limits of its own ({@code null}: none). */
    public TrafficShapingHandler newHandler(RateLimit channelReadLimit, RateLimit channelWriteLimit) {
        return new TrafficShapingHandler(channelReadLimit, channelWriteLimit, this);
    }

    /** Returns the totals of every channel of the group. */
    public TrafficCounters counters() {
        return counters;
    }

    TokenBucket readBucket() {
        return readBucket;
    }

    TokenBucket writeBucket() {
        return writeBucket;
    }
}
