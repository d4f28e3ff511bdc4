package io.sluice.benchmarks.e2e;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The key-value store both RESP benchmark servers answer from: the same kind as the {@code redis}
 * example's keyspace (a hash map of byte-string keys to byte-array values behind one lock that
 * every command takes), so the two servers differ only in their framework and codec.
 */
final class RespStore {
    /** A byte-string key: equal by content. */
    private static final class Key {
        final byte[] bytes;
        final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hash == hash && Arrays.equals(((Key) o).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, byte[]> values = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    byte[] get(byte[] key) {
        lock.lock();
        try {
            return values.get(new Key(key));
        } finally {
            lock.unlock();
        }
    }

    void set(byte[] key, byte[] value) {
        lock.lock();
        try {
            values.put(new Key(key), value);
        } finally {
            lock.unlock();
        }
    }

    /** What CONFIG GET answers (redis-benchmark asks for save and appendonly at start). */
    static String config(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "save":
                return "";
            case "appendonly":
                return "no";
            default:
                return null;
        }
    }
}
