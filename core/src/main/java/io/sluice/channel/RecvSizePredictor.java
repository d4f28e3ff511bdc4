package io.sluice.channel;

/**
 * Chooses how large a buffer each socket read gets, learning from what reads returned: a read
 * that filled its buffer suggests a bigger one next time, two that used well under half suggest a
 * smaller one. One instance per channel; used on its event loop only.
 */
public final class RecvSizePredictor {
    private static final int[] SIZES;

    static {
        int[] sizes = new int[64];
        int n = 0;
        for (int s = 16; s < 512; s += 16) {
            sizes[n++] = s;
        }
        for (int s = 512; s > 0 && s <= 1 << 30; s <<= 1) {
            sizes[n++] = s;
        }
        SIZES = java.util.Arrays.copyOf(sizes, n);
    }

    private final int minIndex;
    private final int maxIndex;
    private int index;
    private boolean shrinkPending;

    private RecvSizePredictor(int minIndex, int initialIndex, int maxIndex) {
        this.minIndex = minIndex;
        this.index = initialIndex;
        this.maxIndex = maxIndex;
    }

    /** Returns a predictor starting at 2 KiB, between 64 B and 64 KiB. */
    public static RecvSizePredictor create() {
        return create(64, 2048, 65536);
    }

    /** Returns a predictor between {@code minBytes} and {@code maxBytes}, starting at {@code initialBytes}. */
    public static RecvSizePredictor create(int minBytes, int initialBytes, int maxBytes) {
        if (minBytes <= 0 || initialBytes < minBytes || maxBytes < initialBytes) {
            throw new IllegalArgumentException("min: " + minBytes + ", initial: " + initialBytes + ", max: "
                    + maxBytes + " (expected: 0 < min <= initial <= max)");
        }
        int min = indexAtLeast(minBytes);
        int max = Math.max(min, indexAtMost(maxBytes));
        return new RecvSizePredictor(min, Math.min(Math.max(indexAtLeast(initialBytes), min), max), max);
    }

    /** Index of the smallest table size >= {@code size}. */
    private static int indexAtLeast(int size) {
        int i = java.util.Arrays.binarySearch(SIZES, size);
        return i >= 0 ? i : Math.min(-i - 1, SIZES.length - 1);
    }

    /** Index of the largest table size <= {@code size}, so a maximum is never exceeded. */
    private static int indexAtMost(int size) {
        int i = java.util.Arrays.binarySearch(SIZES, size);
        return i >= 0 ? i : Math.max(-i - 2, 0);
    }

    /** Returns the size for the next read, in bytes. */
    public int nextReadBytes() {
        return SIZES[index];
    }

    /** Records how many bytes the last read returned. */
    public void record(int bytesRead) {
        if (bytesRead >= SIZES[index]) {
            index = Math.min(index + 4, maxIndex);
            shrinkPending = false;
        } else if (index > minIndex && bytesRead <= SIZES[index - 1] / 2) {
            if (shrinkPending) {
                index = Math.max(index - 1, minIndex);
                shrinkPending = false;
            } else {
                shrinkPending = true;
            }
        } else {
            shrinkPending = false;
        }
    }
}
