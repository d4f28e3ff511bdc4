package io.sluice.examples.redis;

import io.sluice.concurrent.Ticker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The server's one database: keys to values ({@code byte[]} strings, {@link ListValue},
 * {@link SetValue}, {@link HashValue}, {@link ZSetValue}) with optional expiry times.
 *
 * <p>Threading: one keyspace serves every connection of every event loop, and every command runs
 * while holding {@link #lock()}. That gives what Redis promises (each command, and each MULTI/EXEC
 * block, is atomic over the whole keyspace, including multi-key commands such as MSET or
 * FLUSHALL) without cross-shard coordination; with one event loop the lock is never contended.
 * Nothing in here is thread-safe by itself.
 *
 * <p>Expiry, as Redis does it: lazily, a key found expired on access is deleted then; and actively,
 * {@link #expireCycle} (run by a timer) visits keys with a time to live a bounded number at a time.
 * Time is read from a {@link Ticker} (monotonic), so tests move it by hand.
 *
 * <p>Bound: at most {@code maxKeys} keys, and at most as many elements in one list, set, hash or
 * sorted set; a write past it fails with Redis' OOM error.
 */
final class Keyspace {
    /** A value and its expiry. */
    static final class Entry {
        Object value;
        /** Ticker nanos at which the key expires; {@link Long#MAX_VALUE}: never. */
        long expiresAt = Long.MAX_VALUE;
        /** Whether the key is in the expiry queue. */
        boolean queued;

        Entry(Object value) {
            this.value = value;
        }
    }

    private final Map<Bytes, Entry> entries = new HashMap<>();
    /** Keys that had a time to live set, visited in turn by {@link #expireCycle}. */
    private final ArrayDeque<Bytes> expiring = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Ticker ticker;
    private final int maxKeys;

    Keyspace(Ticker ticker, int maxKeys) {
        this.ticker = ticker;
        this.maxKeys = maxKeys;
    }

    /** The lock every command holds while it runs. */
    ReentrantLock lock() {
        return lock;
    }

    long now() {
        return ticker.nanoTime();
    }

    int maxKeys() {
        return maxKeys;
    }

    /** The live entry of {@code key}, deleting it first if it has expired. */
    Entry entry(Bytes key) {
        Entry e = entries.get(key);
        if (e != null && e.expiresAt <= ticker.nanoTime()) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    /** The value of {@code key} if it is a {@code type}; null if absent; WRONGTYPE otherwise. */
    <T> T get(Bytes key, Class<T> type) {
        Entry e = entry(key);
        if (e == null) {
            return null;
        }
        if (!type.isInstance(e.value)) {
            throw new RedisException(RedisException.WRONGTYPE);
        }
        return type.cast(e.value);
    }

    /** Like {@link #get}, creating an empty value when the key is absent. */
    <T> T getOrCreate(Bytes key, Class<T> type, Supplier<T> create) {
        T value = get(key, type);
        if (value == null) {
            value = create.get();
            put(key, value);
        }
        return value;
    }

    /** Sets {@code key} to {@code value} with no expiry (a new key counts against the bound). */
    Entry put(Bytes key, Object value) {
        Entry e = entry(key);
        if (e == null) {
            if (entries.size() >= maxKeys) {
                throw new RedisException(RedisException.OOM);
            }
            e = new Entry(value);
            entries.put(key, e);
        } else {
            e.value = value;
            e.expiresAt = Long.MAX_VALUE;
        }
        return e;
    }

    /** Fails with OOM if a collection would grow past the bound. */
    void checkGrowth(int newSize) {
        if (newSize > maxKeys) {
            throw new RedisException(RedisException.OOM);
        }
    }

    /** Sets when {@code key}'s entry expires (ticker nanos); {@code at} in the past deletes it. */
    void expireAt(Bytes key, Entry e, long at) {
        if (at <= ticker.nanoTime()) {
            entries.remove(key);
            return;
        }
        e.expiresAt = at;
        if (!e.queued) {
            e.queued = true;
            expiring.add(key);
        }
    }

    boolean remove(Bytes key) {
        return entry(key) != null && entries.remove(key) != null;
    }

    /** Deletes {@code key} if its collection value became empty (Redis never keeps empty ones). */
    void removeIfEmpty(Bytes key, int size) {
        if (size == 0) {
            entries.remove(key);
        }
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        expiring.clear();
    }

    /** Visits up to {@code budget} keys with a time to live, deleting the expired; returns how many. */
    int expireCycle(int budget) {
        long now = ticker.nanoTime();
        int removed = 0;
        int visits = Math.min(budget, expiring.size()); // each key at most once a round
        for (int i = 0; i < visits; i++) {
            Bytes key = expiring.poll();
            Entry e = entries.get(key);
            if (e == null || e.expiresAt == Long.MAX_VALUE) {
                if (e != null) {
                    e.queued = false;
                }
            } else if (e.expiresAt <= now) {
                entries.remove(key);
                removed++;
            } else {
                expiring.add(key); // not yet: visit again next time round
            }
        }
        return removed;
    }

    /** The live keys matching {@code pattern} (null: all). */
    List<Bytes> keys(byte[] pattern) {
        long now = ticker.nanoTime();
        List<Bytes> keys = new ArrayList<>();
        for (Map.Entry<Bytes, Entry> e : entries.entrySet()) {
            if (e.getValue().expiresAt > now && (pattern == null || Glob.matches(pattern, e.getKey().array()))) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    /**
     * One SCAN step: up to about {@code count} live keys whose position ({@link #position}) is at
     * least {@code cursor}, in position order, and the next cursor (0 when done). Every key present
     * for a whole scan is returned at least once, however the map changes meanwhile.
     */
    long scan(long cursor, int count, List<Bytes> out) {
        long now = ticker.nanoTime();
        List<Bytes> candidates = new ArrayList<>();
        for (Map.Entry<Bytes, Entry> e : entries.entrySet()) {
            if (position(e.getKey()) >= cursor && e.getValue().expiresAt > now) {
                candidates.add(e.getKey());
            }
        }
        candidates.sort((a, b) -> Long.compare(position(a), position(b)));
        int n = Math.min(count, candidates.size());
        while (n < candidates.size() && n > 0 && position(candidates.get(n)) == position(candidates.get(n - 1))) {
            n++; // keys sharing a position go out together, or the next cursor would skip some
        }
        out.addAll(candidates.subList(0, n));
        return n == candidates.size() ? 0 : position(candidates.get(n - 1)) + 1;
    }

    /** A key's scan position: its hash as an unsigned number, plus one (0 is the start cursor). */
    static long position(Bytes key) {
        return (key.hashCode() & 0xffffffffL) + 1;
    }
}
