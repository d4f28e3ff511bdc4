package io.sluice.concurrent;

import java.util.ArrayList;
import java.util.List;

/**
 * The data structure behind {@link HashedWheelTimer}: a ring of buckets, one per tick, each a
 * doubly linked list of timeouts. Adding and removing are O(1); each tick visits one bucket and
 * expires the timeouts whose round has come. Single-threaded and driven by explicit time, so it
 * is tested without any clock.
 */
final class TimerWheel {
    private final WheelTimeout[] heads;
    private final int mask;
    private final long tickNanos;
    private final long startNanos;
    /** Ticks processed so far. */
    private long tick;
    private int size;

    TimerWheel(int ticksPerWheel, long tickNanos, long startNanos) {
        if (ticksPerWheel < 1 || ticksPerWheel > 1 << 30) {
            throw new IllegalArgumentException("ticksPerWheel: " + ticksPerWheel + " (expected: 1-2^30)");
        }
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tickDuration: " + tickNanos + "ns (expected: > 0)");
        }
        int buckets = Integer.highestOneBit(ticksPerWheel - 1) << 1;
        this.heads = new WheelTimeout[Math.max(1, buckets)];
        this.mask = heads.length - 1;
        this.tickNanos = tickNanos;
        this.startNanos = startNanos;
    }

    int size() {
        return size;
    }

    /** Returns when the next tick is due. */
    long nextTickNanos() {
        return startNanos + (tick + 1) * tickNanos;
    }

    void add(WheelTimeout timeout) {
        long due = Math.max(0, (timeout.deadlineNanos - startNanos) / tickNanos);
        long ticks = Math.max(due, tick); // a deadline in the past expires on the current tick
        timeout.remainingRounds = (due - tick) / heads.length;
        int bucket = (int) (ticks & mask);
        WheelTimeout head = heads[bucket];
        timeout.bucket = bucket;
        timeout.next = head;
        timeout.prev = null;
        if (head != null) {
            head.prev = timeout;
        }
        heads[bucket] = timeout;
        size++;
    }

    void remove(WheelTimeout timeout) {
        if (timeout.bucket < 0) {
            return;
        }
        if (timeout.prev != null) {
            timeout.prev.next = timeout.next;
        } else {
            heads[timeout.bucket] = timeout.next;
        }
        if (timeout.next != null) {
            timeout.next.prev = timeout.prev;
        }
        timeout.prev = timeout.next = null;
        timeout.bucket = -1;
        size--;
    }

    /**
     * Processes every tick that ended by {@code nowNanos}, adding the timeouts due to {@code expired}.
     */
    void expire(long nowNanos, List<WheelTimeout> expired) {
        while (nextTickNanos() <= nowNanos) {
            int bucket = (int) (tick & mask);
            for (WheelTimeout t = heads[bucket]; t != null; ) {
                WheelTimeout next = t.next;
                if (t.remainingRounds <= 0) {
                    remove(t);
                    expired.add(t);
                } else {
                    t.remainingRounds--;
                }
                t = next;
            }
            tick++;
        }
    }

    /** Removes and returns every timeout. */
    List<WheelTimeout> drain() {
        List<WheelTimeout> all = new ArrayList<>(size);
        for (int i = 0; i < heads.length; i++) {
            while (heads[i] != null) {
                WheelTimeout t = heads[i];
                remove(t);
                all.add(t);
            }
        }
        return all;
    }
}
