package io.sluice.examples.redis;

/** A list: a ring buffer of elements with O(1) push and pop at both ends and O(1) access by index. */
final class ListValue {
    private byte[][] ring = new byte[8][];
    private int head;
    private int size;

    int size() {
        return size;
    }

    byte[] get(int index) {
        return ring[(head + index) & (ring.length - 1)];
    }

    void set(int index, byte[] value) {
        ring[(head + index) & (ring.length - 1)] = value;
    }

    void addFirst(byte[] value) {
        grow();
        head = (head - 1) & (ring.length - 1);
        ring[head] = value;
        size++;
    }

    void addLast(byte[] value) {
        grow();
        ring[(head + size) & (ring.length - 1)] = value;
        size++;
    }

    byte[] removeFirst() {
        byte[] value = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return value;
    }

    byte[] removeLast() {
        int at = (head + size - 1) & (ring.length - 1);
        byte[] value = ring[at];
        ring[at] = null;
        size--;
        return value;
    }

    /** Keeps elements {@code [from, to]} (inclusive, already clamped to the list). */
    void trim(int from, int to) {
        byte[][] kept = new byte[Math.max(8, Integer.highestOneBit(Math.max(1, to - from + 1)) << 1)][];
        int n = 0;
        for (int i = from; i <= to; i++) {
            kept[n++] = get(i);
        }
        ring = kept;
        head = 0;
        size = n;
    }

    private void grow() {
        if (size == ring.length) {
            byte[][] bigger = new byte[ring.length << 1][];
            for (int i = 0; i < size; i++) {
                bigger[i] = get(i);
            }
            ring = bigger;
            head = 0;
        }
    }
}
